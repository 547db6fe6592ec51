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

// A title's words, then "for" or a colon, then the account ("Scorecard for Globex Analytics",
// "QBR: Acme Corp"), and a title that ends with its date ("Globex Analytics Scorecard Q3 2025"):
// before, none of them named an account.
describe("an account named after a title's words, or before them and a date", () => {
  it.each([
    ['KPI Scorecard: Globex Analytics', 'Globex Analytics'],
    ['Scorecard for Globex Analytics', 'Globex Analytics'],
    ['QBR: Acme Corp', 'Acme Corp'],
    ['Review for Acme Corp, Sep 2025', 'Acme Corp'],
    ['KPI Scorecard for Globex Analytics — Sep 2025', 'Globex Analytics'],
    ['Scorecard: Globex Analytics | Q3 2025', 'Globex Analytics'],
    ['Globex Analytics Scorecard Q3 2025', 'Globex Analytics'],
    ['Initech KPIs 2025', 'Initech'],
  ])('%s names %s', (title, name) => {
    expect(accountNameInTitle(title, ['Relationship Strength'])).toBe(name);
  });

  it.each([
    // A month, a document's state or use, its readers, a field, a category, no name written as one.
    ['Report for September 2025'],
    ['KPIs for Q3'],
    ['KPI Report: Draft'],
    ['Scorecard: Updated'],
    ['Health Scorecard: Final'],
    ['Scorecard: Template'],
    ['KPI Tracker: Instructions'],
    ['KPI Report for EMEA Enterprise Accounts'],
    ['Scorecard for all accounts'],
    ['Report for management'],
    ['Summary for the board'],
    ['KPIs: see below'],
    ['KPI Scorecard: Relationship Strength'],
    ['Customer Success KPIs 2025'],
    ['KPI scorecard — Globex'],
  ])('%s names no account', (title) => {
    expect(accountNameInTitle(title, ['Relationship Strength'])).toBeNull();
  });
});

// A company's name alone on a row above or below the workbook's title, as hand-kept scorecards
// have it: before, no account was proposed.
describe('an account named alone beside the title row', () => {
  const cats = ['Relationship Strength'];
  it.each([
    [['Globex Analytics', 'Customer Health Scorecard'], 'Globex Analytics'],
    [['Customer Health Scorecard', 'Globex Analytics'], 'Globex Analytics'],
    [['Globex Analytics', 'KPI Scorecard — Q3 2025'], 'Globex Analytics'],
    [['Globex Analytics Inc.', 'Quarterly Business Review'], 'Globex Analytics Inc.'],
    [['Globex Analytics', 'As of 30 Sep 2025', 'Customer Health Scorecard'], 'Globex Analytics'],
  ])('%j names %s', (titles, name) => {
    expect(accountInTitles(titles, cats)).toEqual({ name, title: name });
  });

  it.each([
    // No title beside it, a document's state, a field, a region, a team, a category, a sentence.
    [['Acme Corp', 'Data as of 28 Sep 2025']],
    [['Monthly Update', 'KPI Report']],
    [['Confidential', 'KPI Report']],
    [['EMEA Region', 'KPI Report']],
    [['Customer Success Team', 'KPI Dashboard']],
    [['Relationship Strength', 'KPI Scorecard']],
    [['KPI Scorecard', 'Instructions']],
    [['KPI Scorecard', 'Enter values in yellow cells']],
    [['Sheet1', 'KPIs']],
    // A title below a third row is not looked for; a name on the third row is not taken.
    [['Globex Analytics', 'As of 30 Sep 2025', 'Prepared by Jane Doe', 'Customer Health Scorecard']],
    [['Customer Health Scorecard', 'As of 30 Sep 2025', 'Globex Analytics']],
  ])('%j names no account', (titles) => {
    expect(accountInTitles(titles, cats)).toBeNull();
  });
});
