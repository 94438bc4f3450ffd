/**
 * List cells for `tags` and `statuses`: `vip; newsletter | vip` → `['vip', 'newsletter']`.
 */
import { cleanText } from './text';

const SEPARATORS = /[,;|]/;

/**
 * Split a list cell on `,`, `;` or `|`; trim each item (invisible characters too), drop empties
 * and repeats, keep first-seen order.
 *
 * Repeats are exact after trimming and NFC (`VIP` and `vip` are two tags: Omneo's tag handles
 * are the user's to choose). Never throws; an empty or separator-only cell gives `[]`.
 */
export function splitList(text: string): readonly string[] {
  const seen = new Set<string>();
  for (const part of text.split(SEPARATORS)) {
    const item = cleanText(part).value;
    if (item.length > 0) seen.add(item);
  }
  return [...seen];
}
