import { describe, expect, it } from 'vitest';
import { accountInTitles, accountNameInTitle } from '../../../shared/import/accountTitle';

// The title lines of hand-kept workbooks that are a field of the workbook ("CSM: Jane Doe"), not
// its title: before, the text before the colon was proposed as a new account ("CSM", "Owner",
// "Last updated", "Customer name").
describe('a title line that is a field of the workbook', () => {
  it.each([
    ['CSM: Jane Doe'],
    ['Account Owner: Jane Doe'],
    ['Account Manager: Jane Doe | Q3'],
    ['Customer Success Manager – Jane Doe'],
    ['Owner: Jane Doe'],
    ['Author: Jane Doe'],
    ['Last updated: 28 Sep 2025'],
    ['Status: Final'],
    ['Version: 3'],
    ['Notes: see tab 2'],
    ['Source: Salesforce export'],
    ['Instructions: fill in the yellow cells'],
    ['Segment: Enterprise'],
    ['Region: EMEA'],
    ['Renewal date: 2026-03-31'],
    ['Tier 1 - Strategic'],
    ['Stand: 30.09.2025'],
    ['Responsable : Marie Dupont'],
  ])('%s names no account', (title) => {
    expect(accountNameInTitle(title, [])).toBeNull();
  });

  it('reads "Customer name", "Client name", "Company name" as the account\'s label', () => {
    for (const [title, name] of [
      ['Customer name: Globex Analytics', 'Globex Analytics'],
      ['Customer Name | Globex Analytics', 'Globex Analytics'],
      ['Client name – Initech', 'Initech'],
      ['Company name: Umbrella Corp', 'Umbrella Corp'],
      ['Kundenname: Müller GmbH', 'Müller GmbH'],
    ])
      expect([title, accountNameInTitle(title, [])]).toEqual([title, name]);
  });

  it("takes the labelled account below a field's line, and keeps names made of such words", () => {
    expect(accountInTitles(['CSM: Jane Doe', 'Account: Globex'], [])?.name).toBe('Globex');
    expect(accountInTitles(['Account Owner: Jane Doe', 'KPI Scorecard'], [])).toBeNull();
    // A name with a word of its own beside a field's words is a name.
    for (const [title, name] of [
      ['Status Quo Ltd — Scorecard', 'Status Quo Ltd'],
      ['Region Bank: KPIs', 'Region Bank'],
      ['Data Analytics Corp — KPIs', 'Data Analytics Corp'],
      ['Globex: Account Owner Jane', 'Globex'],
    ])
      expect([title, accountNameInTitle(title, [])]).toEqual([title, name]);
  });
});
