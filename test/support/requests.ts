import { adminHeaders, bearer } from './auth';
import { getJson } from './server';

let n = 0;
/** A fresh agency per call, so counts (queue, timeliness, annual report) see only this test's requests. */
export async function freshAgency(prefix: string): Promise<string> {
  const id = `${prefix}-${Date.now().toString(36)}${(n++).toString(36)}`.slice(0, 48);
  const res = await getJson('/api/v1/agencies', {
    method: 'POST',
    headers: { ...adminHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: { zh: `测试${id}局`, en: `Test ${id}` } }),
  });
  if (res.status !== 201) throw new Error(`agency ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

/** Personal details no public answer may ever contain. */
export const CONTACT = {
  name: '欧阳秀芬',
  phone: '13912345678',
  email: 'ouyang.xiufen@example.cn',
  address: '太原市小店区坞城路92号',
};
export const SECRETS = Object.values(CONTACT);

export function requestBody(agency: string, extra: Record<string, unknown> = {}) {
  return {
    subject: '2025年各县（市、区）最低生活保障人数',
    description: '按月份、县（市、区）列出城乡低保人数和保障金支出。',
    purpose: '学术研究',
    requesterType: 'natural_person',
    contact: CONTACT,
    agency,
    ...extra,
  };
}

export async function submit(body: unknown, headers: Record<string, string> = {}) {
  return getJson('/api/v1/requests', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** A paper request the agency recorded, received on `receivedOn`. */
export async function recordPaper(agency: string, receivedOn: string, extra: Record<string, unknown> = {}) {
  const res = await submit(
    requestBody(agency, { channel: 'mail', receivedOn, ...extra }),
    await bearer(agency),
  );
  if (res.status !== 201) throw new Error(`record: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.trackingNumber as string;
}

/** One handling step by the agency's publisher. */
export async function act(agency: string, tn: string, step: string, body: unknown = {}) {
  return getJson(`/api/v1/requests/${tn}/${step}`, {
    method: 'POST',
    headers: { ...(await bearer(agency)), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Today in Beijing, as the server reckons receipt days. */
export function beijingToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
