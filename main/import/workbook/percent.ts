/** The number format scales by 100: a '%' outside quotes, escapes and brackets (one linear pass). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  for (let i = 0; i < numFmt.length; i++) {
    const c = numFmt[i];
    if (c === '\\') i++;
    else if (c === '"') {
      const e = numFmt.indexOf('"', i + 1);
      if (e < 0) return false;
      i = e;
    } else if (c === '[') {
      const e = numFmt.indexOf(']', i + 1);
      if (e < 0) return false;
      i = e;
    } else if (c === '%') return true;
  }
  return false;
}
