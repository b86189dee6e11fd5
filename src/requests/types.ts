import type { Agency } from '../catalog';
import type { LocalizedText } from '../schemas';
import type { SpamReason } from '../submissions';
import type { AnswerType } from './answer-types';

/** 申请人情况 in the annual report: a natural person, or a legal person or other organisation. */
export const REQUESTER_TYPES = ['natural_person', 'legal_person'] as const;
export type RequesterType = (typeof REQUESTER_TYPES)[number];

/** The report's columns for 法人或其他组织. */
export const ORGANISATION_KINDS = [
  'commercial',
  'research',
  'public_interest',
  'legal_services',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * How the request came in, which decides the day it counts as received (art. 31): online
 * here, or on paper recorded by the agency (in person, or by registered mail).
 */
export const CHANNELS = ['online', 'in_person', 'mail'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * - received: in the agency's queue, the clock running
 * - awaiting_clarification: the agency asked the requester to complete it (补正, art. 30); the clock stops
 * - answered: closed with one of the regulation's answers
 * - spam: marked by the spam rules or by hand; never in a queue, never in the annual report
 */
export const REQUEST_STATUSES = ['received', 'awaiting_clarification', 'answered', 'spam'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const EVENT_KINDS = [
  'submitted',
  'forwarded',
  'clarification_requested',
  'clarification_received',
  'extended',
  'answered',
  'marked_spam',
  'restored',
] as const;
export type RequestEventKind = (typeof EVENT_KINDS)[number];

/** The requester's personal details: restricted, shown only to the responsible agency. */
export interface RequesterContact {
  name: string;
  /** Name of the legal person or organisation, when the requester is one. */
  organisation: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface AnswerLink {
  datasetId: string;
  /** A specific release, or null for the dataset as a whole. */
  releaseId: number | null;
  period: string | null;
  revision: number | null;
}

export interface RequestAnswer {
  type: AnswerType;
  reason: string | null;
  legalBasis: string | null;
  /** The agency's explanation; public on the status page. */
  reply: string | null;
  /** The remedy channels as stated to the requester, from the template at answer time. */
  remedy: string;
  answeredOn: string;
  answeredAt: Date;
  links: AnswerLink[];
}

export interface RequestExtension {
  workingDays: number;
  extendedOn: string;
  reason: string;
  approvedBy: string;
}

/** A request as stored, without the restricted contact details. */
export interface InfoRequest {
  id: number;
  trackingNumber: string;
  channel: Channel;
  subject: string;
  description: string;
  purpose: string | null;
  requesterType: RequesterType;
  organisationKind: OrganisationKind | null;
  agency: Agency;
  dataset: { id: string; title: LocalizedText } | null;
  status: RequestStatus;
  spamReasons: SpamReason[];
  submittedAt: Date;
  /** The day the request counts as received (art. 31), Beijing date. */
  receivedOn: string;
  /** The day the 20 working days count from: receivedOn, or the day the completed request came in (art. 30). */
  clockStartOn: string;
  clarificationRequestedOn: string | null;
  extension: RequestExtension | null;
  answer: RequestAnswer | null;
}

export interface RequestEvent {
  kind: RequestEventKind;
  at: Date;
  /** Beijing date of the event (the date it takes effect for deadlines). */
  on: string;
  fromAgency: string | null;
  toAgency: string | null;
  /** Public text: the agency's note to the requester. Never personal details. */
  note: string | null;
}
