/**
 * Reporting periods of the open-data platform. Everything else in this folder is an
 * implementation detail; import from here.
 */
export type { Period, PeriodKind } from './period';
export { PERIOD_KINDS, formatPeriod, parsePeriod, periodKindOf, tryParsePeriod } from './period';
export { periodLabelZh } from './label-zh';
export { periodLabelEn } from './label-en';
export {
  comparePeriods,
  nextPeriod,
  periodContaining,
  periodEnd,
  periodRange,
  periodStart,
  previousPeriod,
} from './arithmetic';
export { parseIsoDuration } from './iso-duration';
export type { DueRule } from './due-date';
export { dueDate, releasableFrom, shanghaiDate } from './due-date';
export { formatDays, parseDateToDays } from './civil-date';
export { addWorkingDays, SCHEDULED_YEARS, workingDay, workingDaysBetween } from './working-days';
export type { WorkingDay, WorkingDayCount } from './working-days';
