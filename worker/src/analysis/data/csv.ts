/**
 * Parses RFC 4180 CSV: comma-separated fields, records ended by CRLF or LF, fields in
 * double quotes may hold commas, newlines and doubled quotes (""). A leading byte-order
 * mark is ignored; a blank line ends no record (it is skipped).
 *
 * @throws Error naming the line where a quoted field starts if it is never closed, or
 *   where a closing quote is followed by something other than a comma or line end.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  let fieldStarted = false;

  const endRecord = (): void => {
    // A line with nothing on it is not a record with one empty field.
    if (row.length > 0 || fieldStarted) {
      row.push(field);
      rows.push(row);
    }
    row = [];
    field = '';
    fieldStarted = false;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && !fieldStarted) {
      const openedOn = line;
      i++;
      let start = i;
      let value = '';
      for (;;) {
        if (i >= n) throw new Error(`CSV: the quoted field opened on line ${openedOn} is never closed; check for a stray quote.`);
        const d = text.charCodeAt(i);
        if (d === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            value += text.slice(start, i + 1);
            i += 2;
            start = i;
            continue;
          }
          value += text.slice(start, i);
          i++;
          break;
        }
        if (d === 10) line++;
        i++;
      }
      field = value;
      fieldStarted = true;
      const next = text.charCodeAt(i);
      if (i < n && next !== 44 && next !== 10 && next !== 13) {
        throw new Error(`CSV: line ${line}: a closing quote must be followed by a comma or a line end; quotes inside a field are written "".`);
      }
      continue;
    }
    if (c === 44 /* , */) {
      row.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === 13 || c === 10) {
      endRecord();
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 44 || d === 10 || d === 13) break;
      j++;
    }
    field += text.slice(i, j);
    fieldStarted = true;
    i = j;
  }
  if (fieldStarted || row.length > 0) endRecord();
  return rows;
}
