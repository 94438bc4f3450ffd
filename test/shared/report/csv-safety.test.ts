import { describe, expect, it } from 'vitest';
import { isErrorsReportHeader, neutraliseCsvCell, restoreCsvCell } from '../../../shared/report/csv-safety';

describe('restoreCsvCell', () => {
  it.each([
    '+61 491 570 157',
    '-10% promo',
    '=SUM(1+1)',
    '@handle',
    ' =1+1',
    '\t0412',
    "'tis the season",
    "'quoted'",
    'plain',
    '',
    "'",
  ])('gives back %j after neutraliseCsvCell', (value) => {
    expect(restoreCsvCell(neutraliseCsvCell(value))).toBe(value);
  });

  it.each([
    ["'tis", "'tis"],
    ["'+61 491 570 157", '+61 491 570 157'],
    ["''+1", "''+1"],
  ])('%j → %j', (cell, restored) => {
    expect(restoreCsvCell(cell)).toBe(restored);
  });
});

describe('isErrorsReportHeader', () => {
  it.each<[string[], boolean]>([
    [['email', 'phone', 'error'], true],
    [['email', 'phone', ' error '], true],
    [['error'], false],
    [['email', 'errors'], false],
    [['email', 'Error message'], false],
  ])('%j → %s', (headers, expected) => {
    expect(isErrorsReportHeader(headers)).toBe(expected);
  });
});
