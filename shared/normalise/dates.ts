/**
 * Dates and date-times: one import point for the engine.
 *
 * Split by concern into date-parse.ts (reading one value), date-order.ts (inferring a column's
 * order) and date-time.ts (UTC instants for `joined_at` and consent timestamps).
 */
export {
  daysInMonth,
  excelSerialToParts,
  expandTwoDigitYear,
  formatIsoDate,
  parseDate,
  possibleDateOrders,
  splitDateTime,
  type DateOrder,
  type DateParts,
  type TimeOfDay,
} from './date-parse';
export { createDateOrderDetector, type DateOrderInference } from './date-order';
export { normaliseDateTime } from './date-time';
