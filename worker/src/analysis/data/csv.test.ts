import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it.each([
    ['plain fields', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['CRLF line ends and no final newline', 'a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['quoted commas', '"x, y",z\n', [['x, y', 'z']]],
    ['quoted newlines', 'id,text\n1,"line one\nline two"\n2,ok\n', [['id', 'text'], ['1', 'line one\nline two'], ['2', 'ok']]],
    ['doubled quotes', '"she said ""hi""",2\n', [['she said "hi"', '2']]],
    ['empty fields', 'a,,c\n,,\n', [['a', '', 'c'], ['', '', '']]],
    ['an empty quoted field is a record', '""\n', [['']]],
    ['blank lines are skipped', 'a\n\nb\n\n', [['a'], ['b']]],
    ['a byte-order mark is ignored', '\uFEFFa,b\n', [['a', 'b']]],
    ['a quote inside an unquoted field is kept', 'say "hi",2\n', [['say "hi"', '2']]],
  ])('%s', (_name, csv, rows) => {
    expect(parseCsv(csv)).toEqual(rows);
  });

  it('names the line where an unclosed quoted field starts', () => {
    expect(() => parseCsv('a,b\n1,"never closed\nmore\n')).toThrow(/opened on line 2 is never closed/);
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c\n')).toThrow(/line 1: a closing quote must be followed by a comma/);
  });
});
