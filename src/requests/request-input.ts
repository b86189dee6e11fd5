import { ValidationError } from '../errors';
import { parseDateToDays } from '../periods';
import { checkText, optionalText, type Issue } from '../submissions';
import {
  MAX_ADDRESS,
  MAX_CONTACT_NAME,
  MAX_DESCRIPTION,
  MAX_EMAIL,
  MAX_ORGANISATION,
  MAX_PHONE,
  MAX_PURPOSE,
  MAX_SUBJECT,
} from './limits';
import {
  CHANNELS,
  ORGANISATION_KINDS,
  REQUESTER_TYPES,
  type Channel,
  type OrganisationKind,
  type RequesterContact,
  type RequesterType,
} from './types';

/** A request as a client sends it (JSON, or the web form mapped onto the same shape). */
export interface RequestInput {
  subject?: unknown;
  description?: unknown;
  purpose?: unknown;
  requesterType?: unknown;
  organisationKind?: unknown;
  contact?: {
    name?: unknown;
    organisation?: unknown;
    phone?: unknown;
    email?: unknown;
    address?: unknown;
  };
  agency?: unknown;
  dataset?: unknown;
  /** Honeypot: people never fill it (the form hides it); anything here marks spam. */
  website?: unknown;
  /** Only an agency recording a paper request sets these (art. 31 (一)(二)). */
  channel?: unknown;
  receivedOn?: unknown;
}

export interface CheckedRequest {
  subject: string;
  description: string;
  purpose: string | null;
  requesterType: RequesterType;
  organisationKind: OrganisationKind | null;
  contact: RequesterContact;
  agencyId: string | null;
  datasetId: string | null;
  channel: Channel;
  receivedOn: string | null;
  honeypot: unknown;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,28}$/;
const SLUG = /^[a-z][a-z0-9-]{1,48}$/;

function oneOf<T extends string>(
  issues: Issue[],
  path: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  issues.push({ path, message: `must be one of ${allowed.join(', ')}` });
  return undefined;
}

function slug(issues: Issue[], path: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && SLUG.test(value)) return value;
  issues.push({ path, message: 'must be an id such as sx-finance' });
  return null;
}

/**
 * Checks a request's shape and bounds; every problem is reported with its JSON path. What
 * the regulation asks a request to contain (art. 29): the requester's name and contact
 * details, a description of the information, and (optionally) the form wanted. Identity
 * documents are not collected here; the agency verifies identity where the law requires.
 */
export function checkRequestInput(input: unknown): CheckedRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError('invalid_request', 'The request must be a JSON object', [
      { path: '$', message: 'must be an object' },
    ]);
  }
  const i = input as RequestInput;
  const issues: Issue[] = [];
  const subject = checkText(issues, '$.subject', i.subject, MAX_SUBJECT);
  const description = checkText(issues, '$.description', i.description, MAX_DESCRIPTION);
  const purpose = optionalText(issues, '$.purpose', i.purpose, MAX_PURPOSE);
  const requesterType = oneOf(issues, '$.requesterType', i.requesterType, REQUESTER_TYPES);
  let organisationKind: OrganisationKind | null = null;
  if (requesterType === 'legal_person') {
    organisationKind = oneOf(issues, '$.organisationKind', i.organisationKind, ORGANISATION_KINDS) ?? null;
  } else if (i.organisationKind !== undefined && i.organisationKind !== null && i.organisationKind !== '') {
    issues.push({ path: '$.organisationKind', message: 'only for a legal person or other organisation' });
  }

  const c = typeof i.contact === 'object' && i.contact !== null && !Array.isArray(i.contact) ? i.contact : {};
  if (c !== i.contact) issues.push({ path: '$.contact', message: 'must be an object' });
  const name = checkText(issues, '$.contact.name', c.name, MAX_CONTACT_NAME);
  const organisation =
    requesterType === 'legal_person'
      ? (checkText(issues, '$.contact.organisation', c.organisation, MAX_ORGANISATION) ?? null)
      : optionalText(issues, '$.contact.organisation', c.organisation, MAX_ORGANISATION);
  const phone = optionalText(issues, '$.contact.phone', c.phone, MAX_PHONE);
  if (phone !== null && !PHONE.test(phone))
    issues.push({ path: '$.contact.phone', message: 'is not a phone number' });
  const email = optionalText(issues, '$.contact.email', c.email, MAX_EMAIL);
  if (email !== null && !EMAIL.test(email))
    issues.push({ path: '$.contact.email', message: 'is not an email address' });
  const address = optionalText(issues, '$.contact.address', c.address, MAX_ADDRESS);
  if (phone === null && email === null && address === null) {
    issues.push({
      path: '$.contact',
      message: 'give a phone number, an email address or a postal address for the answer',
    });
  }

  const agencyId = slug(issues, '$.agency', i.agency);
  const datasetId = slug(issues, '$.dataset', i.dataset);
  if (
    agencyId === null &&
    datasetId === null &&
    !issues.some((x) => x.path === '$.agency' || x.path === '$.dataset')
  ) {
    issues.push({ path: '$.agency', message: 'name the agency, or the dataset the information belongs to' });
  }
  const channel =
    i.channel === undefined || i.channel === null
      ? 'online'
      : oneOf(issues, '$.channel', i.channel, CHANNELS);
  let receivedOn: string | null = null;
  if (i.receivedOn !== undefined && i.receivedOn !== null) {
    if (typeof i.receivedOn === 'string' && parseDateToDays(i.receivedOn) !== null) receivedOn = i.receivedOn;
    else issues.push({ path: '$.receivedOn', message: 'must be a date, YYYY-MM-DD' });
  }

  if (
    issues.length > 0 ||
    subject === undefined ||
    description === undefined ||
    requesterType === undefined ||
    name === undefined ||
    channel === undefined
  ) {
    throw new ValidationError('invalid_request', 'The request is incomplete or invalid', issues);
  }
  return {
    subject,
    description,
    purpose,
    requesterType,
    organisationKind,
    contact: { name, organisation, phone, email, address },
    agencyId,
    datasetId,
    channel,
    receivedOn,
    honeypot: i.website,
  };
}
