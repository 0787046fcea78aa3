import type { CompetencyMatrix } from '../../../src/domain/matrix';
import { csvField, matrixCsv, neutraliseFormula } from '../../../src/server/explorer/csv';

// The CSV export's cells, exactly as written: RFC 4180 quoting and OWASP's CSV-injection advice.

/** A one-level, one-competency matrix whose single cell holds `texts`. */
function matrix(name: string, texts: string[]): CompetencyMatrix {
  return {
    levels: [{ code: 'L1', title: 'Engineer' }],
    rows: [{ slug: 's', name, emoji: null, cells: [{ expectations: texts.map((text) => ({ text })) }] }],
  } as unknown as CompetencyMatrix;
}

/** The records after the header, without the byte order mark. */
function records(csv: string): string {
  return csv.slice(1).split('\r\n').slice(1).join('\r\n');
}

describe('csvField', () => {
  it('leaves a field with nothing special unquoted', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField("it's 100% fine: yes")).toBe("it's 100% fine: yes");
    expect(csvField('')).toBe('');
  });

  it.each([
    ['a comma', 'a, b', '"a, b"'],
    ['a semicolon', 'a; b', '"a; b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'one\ntwo', '"one\ntwo"'],
    ['a carriage return', 'one\rtwo', '"one\rtwo"'],
    ['a CRLF', 'one\r\ntwo', '"one\r\ntwo"'],
  ])('quotes a field holding %s, doubling its quotes', (_what, value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe('neutraliseFormula', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])('prefixes an apostrophe to a cell starting with %j', (start) => {
    expect(neutraliseFormula(`${start}HYPERLINK("http://evil.example")`)).toBe(
      `'${start}HYPERLINK("http://evil.example")`,
    );
  });

  it('leaves formula characters alone anywhere but at the start', () => {
    for (const text of ['I ship = value', 'a+b', 'e-mail', 'me@example.com', 'a\tb', '']) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });
});

describe('matrixCsv', () => {
  it('neutralises and quotes every cell, the header and names included', () => {
    expect(records(matrixCsv(matrix('@name', ['-1+2', 'ok'])))).toBe(`'@name,,"'-1+2\nok"\r\n`);
  });

  it('keeps a semicolon from starting a second cell that a spreadsheet would evaluate', () => {
    const csv = matrixCsv(matrix('Delivery', ['ships; =HYPERLINK("http://evil.example")']));
    expect(records(csv)).toBe('Delivery,,"ships; =HYPERLINK(""http://evil.example"")"\r\n');
  });

  it('quotes a cell whose formula start follows a line break, so it stays one text cell', () => {
    expect(records(matrixCsv(matrix('Delivery', ['ok', '=1+2'])))).toBe('Delivery,,"ok\n=1+2"\r\n');
  });

  it('starts with a byte order mark and ends every record with CRLF', () => {
    const csv = matrixCsv(matrix('Delivery', ['ok']));
    expect(csv).toBe('\uFEFFcompetency,emoji,L1: Engineer\r\nDelivery,,ok\r\n');
  });
});
