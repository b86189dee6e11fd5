/**
 * The release calendar and accountability: expected periods from each dataset's cadence
 * and due rule, their state (on time, late, missing, scheduled, upcoming), timeliness per
 * dataset and agency, and the province-wide ranking.
 */
export * from './types';
export { expectedPeriods, inSeason, trackingStart } from './schedule';
export { periodState } from './period-state';
export { summarise } from './summary';
export { rankAgencies } from './ranking';
export {
  agencyTimeliness,
  agencyView,
  currentYear,
  TIMELINESS_YEARS,
  datasetTimeliness,
  provinceTimeliness,
  timelinessOf,
  yearBounds,
  type ProvinceTimeliness,
} from './timeliness.service';
export { calendarEvents, calendarWindow, MAX_CALENDAR_DAYS, type CalendarQuery } from './calendar.service';
export { datasetStandings, standingOf, type Standing } from './standing';
export { agencyRecord, type AgencyRecord, type AgencyYear } from './agency-record';
