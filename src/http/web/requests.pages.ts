import { Router, type Request, type Response } from 'express';
import { listAgencies, listDatasetRecords } from '../../catalog';
import { isAppError } from '../../errors';
import {
  ANSWERS,
  answerReason,
  MAX_ADDRESS,
  MAX_CONTACT_NAME,
  MAX_DESCRIPTION,
  MAX_EMAIL,
  MAX_ORGANISATION,
  MAX_PHONE,
  MAX_PURPOSE,
  MAX_SUBJECT,
  publicRequest,
  submitRequest,
  type PublicRequest,
  type RequestInput,
} from '../../requests';
import type { HttpDeps } from '../deps';
import { submissionRateLimit } from '../middleware/rate-limits';
import { actingOf } from '../acting';
import { queryOf } from '../params';
import { trackingParam } from '../rest/requests.router';
import { submissionForm } from '../submission-body';
import { Html, html } from './html';
import { layout } from './layout';
import { pagePolicy } from '../security-headers';

const ORGANISATION_LABELS: Record<string, string> = {
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_services: '法律服务机构',
  other: '其他组织',
};

const STATUS_LABELS: Record<string, string> = {
  received: '办理中',
  awaiting_clarification: '待补正',
  answered: '已答复',
  spam: '疑似垃圾信息，待管理员核查',
};

const TIMELINESS_LABELS: Record<string, string> = {
  on_time: '按期答复',
  late: '逾期答复',
  pending: '未到期',
  overdue: '已逾期未答复',
  awaiting_clarification: '等待申请人补正，期限暂停计算',
};

const EVENT_LABELS: Record<string, string> = {
  submitted: '收到申请',
  forwarded: '转办',
  clarification_requested: '要求补正',
  clarification_received: '收到补正',
  extended: '延期答复',
  answered: '作出答复',
  marked_spam: '标记为垃圾信息',
  restored: '恢复办理',
};

/** These pages are in Chinese, the language of the regulation and its forms. */
const page = (req: Request, title: string, body: Html) => layout(req, { lang: 'zh', title, body });

type FormValues = Record<string, string>;

/** The flat form fields as the API's request shape. */
function inputOf(body: FormValues): RequestInput {
  return {
    subject: body.subject,
    description: body.description,
    purpose: body.purpose,
    requesterType: body.requesterType,
    organisationKind: body.requesterType === 'legal_person' ? body.organisationKind : undefined,
    contact: {
      name: body.name,
      organisation: body.organisation,
      phone: body.phone,
      email: body.email,
      address: body.address,
    },
    agency: body.agency || undefined,
    dataset: body.dataset || undefined,
    website: body.website,
  };
}

function valuesOf(raw: unknown): FormValues {
  const out: FormValues = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

async function formPage(
  req: Request,
  deps: HttpDeps,
  values: FormValues,
  issues: Array<{ path: string; message: string }>,
): Promise<string> {
  const [agencies, datasets] = await Promise.all([
    listAgencies(deps.db.knex),
    listDatasetRecords(deps.db.knex),
  ]);
  const v = (name: string) => values[name] ?? '';
  const selected = (name: string, value: string) => (v(name) === value ? new Html('selected') : '');
  const checked = (name: string, value: string) => (v(name) === value ? new Html('checked') : '');
  const errors =
    issues.length === 0
      ? ''
      : html`<div role="alert">
          <p><strong>申请未提交，请修改以下内容：</strong></p>
          <ul>
            ${issues.map((i) => html`<li><code>${i.path}</code> ${i.message}</li>`)}
          </ul>
        </div>`;
  return page(
    req,
    '申请公开政府信息',
    html`<h1>申请公开政府信息 <small>Request government information</small></h1>
      <p>
        无需注册。提交后您会得到一个查询号，凭查询号可查看办理进度和答复。行政机关自收到申请之日起20个工作日内答复，
        经批准可延长不超过20个工作日（《条例》第三十三条）。
      </p>
      ${errors}
      <form method="post" action="/requests/new">
        <fieldset>
          <legend>所需信息</legend>
          <p>
            <label
              >信息名称（公开显示，请勿填写个人信息）<br /><input
                name="subject"
                required
                maxlength="${MAX_SUBJECT}"
                size="60"
                value="${v('subject')}"
            /></label>
          </p>
          <p>
            <label
              >内容描述（文号、时间范围等便于查找的特征）<br /><textarea
                name="description"
                required
                maxlength="${MAX_DESCRIPTION}"
                rows="6"
                cols="60"
              >
${v('description')}</textarea>
            </label>
          </p>
          <p>
            <label
              >用途（选填）<br /><textarea name="purpose" maxlength="${MAX_PURPOSE}" rows="2" cols="60">
${v('purpose')}</textarea>
            </label>
          </p>
          <p>
            <label
              >涉及的数据集（选填）<br /><select name="dataset">
                <option value="">—</option>
                ${datasets.map(
                  (d) =>
                    html`<option value="${d.id}" ${selected('dataset', d.id)}>
                      ${d.title.zh}（${d.clause}）
                    </option>`,
                )}
              </select></label
            >
          </p>
          <p>
            <label
              >受理机关（未选数据集时必选）<br /><select name="agency">
                <option value="">—</option>
                ${agencies.map((a) => html`<option value="${a.id}" ${selected('agency', a.id)}>${a.name.zh}</option>`)}
              </select></label
            >
          </p>
        </fieldset>
        <fieldset>
          <legend>申请人（仅受理机关可见）</legend>
          <p>
            <label
              ><input
                type="radio"
                name="requesterType"
                value="natural_person"
                ${checked('requesterType', 'natural_person')}
                required
              />
              自然人</label
            >
            <label
              ><input
                type="radio"
                name="requesterType"
                value="legal_person"
                ${checked('requesterType', 'legal_person')}
              />
              法人或其他组织</label
            >
            <label
              >组织类型
              <select name="organisationKind">
                <option value="">—</option>
                ${Object.entries(ORGANISATION_LABELS).map(
                  ([id, zh]) =>
                    html`<option value="${id}" ${selected('organisationKind', id)}>${zh}</option>`,
                )}
              </select></label
            >
          </p>
          <p>
            <label
              >姓名<br /><input name="name" required maxlength="${MAX_CONTACT_NAME}" value="${v('name')}"
            /></label>
          </p>
          <p>
            <label
              >组织名称（法人或其他组织填写）<br /><input
                name="organisation"
                maxlength="${MAX_ORGANISATION}"
                value="${v('organisation')}"
            /></label>
          </p>
          <p>
            <label
              >电话<br /><input name="phone" type="tel" maxlength="${MAX_PHONE}" value="${v('phone')}"
            /></label>
            <label
              >电子邮箱<br /><input name="email" type="email" maxlength="${MAX_EMAIL}" value="${v('email')}"
            /></label>
          </p>
          <p>
            <label
              >通信地址<br /><input
                name="address"
                maxlength="${MAX_ADDRESS}"
                size="60"
                value="${v('address')}"
            /></label>
          </p>
        </fieldset>
        <div hidden>
          <label
            >请勿填写此项 Leave this empty <input name="website" tabindex="-1" autocomplete="off"
          /></label>
        </div>
        <p><button type="submit">提交申请</button></p>
      </form>`,
  );
}

function statusBody(r: PublicRequest): Html {
  const t = r.timeliness;
  const answer = r.answer;
  const reason = answer ? answerReason(answer.type, answer.reason) : undefined;
  return html`<h1>依申请公开办理进度 <small>${r.trackingNumber}</small></h1>
    <dl>
      <dt>信息名称</dt>
      <dd>${r.subject}</dd>
      <dt>受理机关</dt>
      <dd>${r.agency.name.zh}</dd>
      ${
        r.dataset
          ? html`<dt>数据集</dt>
              <dd>${r.dataset.title.zh}</dd>`
          : ''
      }
      <dt>状态</dt>
      <dd data-status="${r.status}">${STATUS_LABELS[r.status] ?? r.status}</dd>
      <dt>收到申请日期</dt>
      <dd>${r.receivedOn}</dd>
      <dt>答复期限</dt>
      <dd data-due="${t.deadline?.dueOn ?? ''}">
        ${t.deadline ? t.deadline.dueOn : '—'} ${t.deadline?.extended ? '（已延期）' : ''}
        ${t.deadline?.provisional ? '（暂按周一至周五计算，待国务院公布当年节假日安排后确定）' : ''} ·
        ${TIMELINESS_LABELS[t.state] ?? t.state}
      </dd>
    </dl>
    ${
      answer
        ? html`<h2>答复</h2>
            <dl>
              <dt>答复类型</dt>
              <dd data-answer="${answer.type}">
                ${ANSWERS[answer.type].zh}${reason ? html`：${reason.zh}` : ''}
              </dd>
              ${
                answer.legalBasis
                  ? html`<dt>依据</dt>
                      <dd>${answer.legalBasis}</dd>`
                  : ''
              }
              ${
                answer.reply
                  ? html`<dt>说明</dt>
                      <dd>${answer.reply}</dd>`
                  : ''
              }
              ${
                answer.links.length > 0
                  ? html`<dt>相关数据</dt>
                      <dd>
                        ${answer.links.map(
                          (l) =>
                            html`<a href="/api/v1/datasets/${l.datasetId}">${l.datasetId}</a>${
                                l.period ? html` ${l.period}（第${l.revision}版）` : ''
                              } `,
                        )}
                      </dd>`
                  : ''
              }
              <dt>答复日期</dt>
              <dd>${answer.answeredOn}</dd>
              <dt>救济途径</dt>
              <dd>${answer.remedy}</dd>
            </dl>`
        : ''
    }
    <h2>办理记录</h2>
    <ol>
      ${r.events.map(
        (e) =>
          html`<li>
            ${e.on}
            ${EVENT_LABELS[e.kind] ?? e.kind}${
              e.toAgency && e.kind === 'forwarded' ? html` → ${e.toAgency}` : ''
            }${e.note ? html`：${e.note}` : ''}
          </li>`,
      )}
    </ol>`;
}

/** GET/POST /requests/new (the form, no script needed) and GET /requests/{trackingNumber}. */
export function requestPages(deps: HttpDeps): Router {
  const r = Router();
  const limited = submissionRateLimit(deps);
  // The site's stylesheet and this form, nothing else: no script, no frame, no inline style.
  const policy = pagePolicy({ 'style-src': ["'self'"], 'img-src': ["'self'"], 'form-action': ["'self'"] });
  const send = (res: Response, status: number, text: string) =>
    res.status(status).set('Cache-Control', 'no-store').type('html').send(text);

  r.get('/requests/new', policy, async (req: Request, res) => {
    const preset: FormValues = {};
    const query = queryOf(req);
    if (typeof query.dataset === 'string') preset.dataset = query.dataset;
    if (typeof query.agency === 'string') preset.agency = query.agency;
    send(res, 200, await formPage(req, deps, preset, []));
  });

  r.post('/requests/new', policy, limited, submissionForm(), async (req, res) => {
    const values = valuesOf(req.body);
    try {
      const created = await submitRequest(deps.db.knex, inputOf(values), actingOf(req, res, deps));
      const view = await publicRequest(deps.db.knex, created.trackingNumber, deps.now());
      send(
        res,
        201,
        page(
          req,
          '申请已提交',
          html`<p role="status">
              申请已提交。您的查询号是
              <strong data-tracking-number>${created.trackingNumber}</strong>，请妥善保存。
            </p>
            <p><a href="/requests/${created.trackingNumber}">查看办理进度</a></p>
            ${statusBody(view)}`,
        ),
      );
    } catch (err) {
      if (!isAppError(err) || err.kind !== 'validation') throw err;
      const issues = Array.isArray(err.details)
        ? (err.details as Array<{ path: string; message: string }>)
        : [];
      send(
        res,
        400,
        await formPage(req, deps, values, issues.length > 0 ? issues : [{ path: '$', message: err.message }]),
      );
    }
  });

  r.get('/requests/:trackingNumber', policy, async (req, res) => {
    const view = await publicRequest(deps.db.knex, trackingParam(req), deps.now());
    send(res, 200, page(req, `办理进度 ${view.trackingNumber}`, statusBody(view)));
  });

  return r;
}
