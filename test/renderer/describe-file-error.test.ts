import { describe, expect, it } from 'vitest';
import { describeFileError } from '../../renderer/steps/file-step';

describe('describeFileError', () => {
  it.each([
    [
      'adds the place when the message does not name it',
      { code: 'unclosed-quote', message: 'A quote is never closed.', line: 3, column: 'notes' },
      'A quote is never closed. (line 3, column notes)',
    ],
    [
      'says the place once when the reader already named it',
      {
        code: 'unclosed-quote',
        message:
          '31-unclosed-quote.csv line 3, column notes: the quote that opens this field is never closed.',
        line: 3,
        column: 'notes',
      },
      '31-unclosed-quote.csv line 3, column notes: the quote that opens this field is never closed.',
    ],
    [
      'leaves a message with no place as it is',
      { code: 'empty-file', message: 'empty.csv is empty.', line: null, column: null },
      'empty.csv is empty.',
    ],
  ] as const)('%s', (_title, error, expected) => {
    expect(describeFileError(error)).toBe(expected);
  });
});
