/**
 * Table-driven tests of the small detectors and converters the app can also call on their own.
 */
import { describe, expect, test } from 'vitest';
import { detectDelimiter, readSepLine } from '../../../electron/files/detect-delimiter';
import { encodingFromBom, utf16FromNulPattern } from '../../../electron/files/detect-encoding';
import { excelSerialToIso, numberToText } from '../../../electron/files/excel-values';
import { sniffFormat } from '../../../electron/files/sniff-format';
import { createDecoder } from '../../../electron/files/text-decoding';

describe('detectDelimiter', () => {
  test.each([
    { sample: 'a,b,c\n1,2,3\n4,5,6\n', delimiter: ',', confident: true },
    { sample: 'a;b;c\n1,5;2;3\n"x;y";5;6\n', delimiter: ';', confident: true },
    { sample: 'name;spend;note\nAnn;1.234,50;a, b, c\nBo;0,00;d\n', delimiter: ';', confident: true },
    { sample: 'a\tb\n1,2\t3\n', delimiter: '\t', confident: true },
    { sample: 'a|b\n"1|2"|3\n', delimiter: '|', confident: true },
    { sample: 'email\na@x.com\n', delimiter: ',', confident: false },
    { sample: 'a,b\r1,2\r', delimiter: ',', confident: true },
  ])('$sample → $delimiter', ({ sample, delimiter, confident }) => {
    expect(detectDelimiter(sample, true)).toEqual({ delimiter, confident });
  });

  test.each([
    { text: 'sep=;\r\na;b', sep: { delimiter: ';', length: 7 } },
    { text: 'SEP=|\na|b', sep: { delimiter: '|', length: 6 } },
    { text: '"sep=,"\na,b', sep: { delimiter: ',', length: 8 } },
    { text: 'sep=;', sep: null },
    { text: 'separator,b\n', sep: null },
  ])('sep line in $text', ({ text, sep }) => {
    expect(readSepLine(text)).toEqual(sep);
  });
});

describe('encoding detection', () => {
  test.each([
    { bytes: [0xef, 0xbb, 0xbf, 0x61], bom: 'utf-8' },
    { bytes: [0xff, 0xfe, 0x61, 0x00], bom: 'utf-16le' },
    { bytes: [0xfe, 0xff, 0x00, 0x61], bom: 'utf-16be' },
    { bytes: [0x61, 0x62], bom: null },
  ])('BOM $bytes → $bom', ({ bytes, bom }) => {
    expect(encodingFromBom(Uint8Array.from(bytes))).toBe(bom);
  });

  test.each([
    { text: 'email,name\r\n', swap: false, expected: 'utf-16le' },
    { text: 'email,name\r\n', swap: true, expected: 'utf-16be' },
  ])('NUL pattern of $expected', ({ text, swap, expected }) => {
    const bytes = Buffer.from(text, 'utf16le');
    expect(utf16FromNulPattern(swap ? bytes.swap16() : bytes)).toBe(expected);
  });

  test('plain UTF-8 is not UTF-16', () => {
    expect(utf16FromNulPattern(Buffer.from('email,name\r\nZoë,Müller\r\n'))).toBeNull();
  });

  test('windows-1252 decoding maps 0x80–0x9F as Windows does', () => {
    const decoder = createDecoder('windows-1252');
    expect(
      decoder.decode(Uint8Array.from([0x80, 0x92, 0x93, 0x94, 0x9c, 0xe9, 0x81])).text + decoder.end().text,
    ).toBe('\u20ac\u2019\u201c\u201d\u0153\u00e9\u0081');
  });
});

describe('sniffFormat', () => {
  test.each([
    { bytes: [0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0], expected: { kind: 'table', format: 'xlsx' } },
    { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], expected: { kind: 'table', format: 'xls' } },
    { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], expected: { kind: 'other', what: 'a PDF document' } },
    { bytes: [0x65, 0x6d, 0x61, 0x69, 0x6c], expected: { kind: 'table', format: 'delimited' } },
  ])('$expected', ({ bytes, expected }) => {
    expect(sniffFormat(Uint8Array.from(bytes))).toEqual(expected);
  });
});

describe('excelSerialToIso', () => {
  test.each([
    { serial: 1, date1904: false, iso: '1900-01-01' },
    { serial: 59, date1904: false, iso: '1900-02-28' },
    { serial: 60, date1904: false, iso: '1900-02-29' },
    { serial: 61, date1904: false, iso: '1900-03-01' },
    { serial: 0, date1904: false, iso: '1900-01-00' },
    { serial: 31205, date1904: false, iso: '1985-06-07' },
    { serial: 36585, date1904: false, iso: '2000-02-29' },
    { serial: 2958465, date1904: false, iso: '9999-12-31' },
    { serial: 45000.5, date1904: false, iso: '2023-03-15T12:00:00' },
    { serial: 45000.999999, date1904: false, iso: '2023-03-16' },
    { serial: 45000 + 1 / 86400, date1904: false, iso: '2023-03-15T00:00:01' },
    { serial: 0, date1904: true, iso: '1904-01-01' },
    { serial: 1462, date1904: true, iso: '1908-01-02' },
    { serial: -1, date1904: false, iso: null },
  ])('$serial (1904: $date1904) → $iso', ({ serial, date1904, iso }) => {
    expect(excelSerialToIso(serial, date1904)).toBe(iso);
  });
});

describe('numberToText', () => {
  test.each([
    { value: 447700900101, text: '447700900101' },
    { value: 9007199254740992, text: '9007199254740992' },
    { value: 1e21, text: '1000000000000000000000' },
    { value: 1.2345e25, text: '12345000000000000000000000' },
    { value: -4.5e-7, text: '-0.00000045' },
    { value: 0.1 + 0.2, text: '0.30000000000000004' },
    { value: 1234.5, text: '1234.5' },
    { value: -0, text: '0' },
  ])('$value → $text', ({ value, text }) => {
    expect(numberToText(value)).toBe(text);
  });
});
