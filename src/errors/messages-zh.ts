/**
 * The Chinese message of every error code. Agencies read errors in Chinese first, so each
 * code's sentence is written here once, from the code and its details, not translated from
 * the English text at the throw site. `ErrorCode` is derived from this table, so a code
 * without a Chinese message does not compile.
 */
type Details = Record<string, unknown>;

const text = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

/** Where the fault is, from whichever of the usual details are present. */
function where(d: Details): string {
  const parts: string[] = [];
  const parameter = text(d.parameter);
  const field = text(d.field) ?? text(d.column);
  const line = text(d.line) ?? text(d.row);
  if (parameter) parts.push(`参数 ${parameter}`);
  if (field && !parameter) parts.push(`字段 ${field}`);
  if (line) parts.push(`第 ${line} 行${typeof d.column === 'number' ? `第 ${d.column} 列` : ''}`);
  if (text(d.period)) parts.push(`统计期 ${text(d.period)}`);
  return parts.length ? `（${parts.join('，')}）` : '';
}

/** " 5 秒后" when the details say how long to wait, else "稍后". */
const later = (d: Details) => (text(d.retryAfterSeconds) ? ` ${text(d.retryAfterSeconds)} 秒后` : '稍后');

/** "，可用：eq、ne" when the details list what is allowed instead. */
const allowedList = (d: Details) =>
  Array.isArray(d.allowed) ? `，可用：${d.allowed.length ? d.allowed.join('、') : '无'}` : '';

const plain = (sentence: string) => (d: Details) => `${sentence}${where(d)}`;

export const MESSAGES_ZH = {
  action_not_found: (d: Details) => `没有名为 ${text(d.action) ?? ''} 的操作`,
  admin_only: plain('只有管理员可以执行此操作'),
  agency_not_found: (d: Details) => `找不到机构 ${text(d.agency) ?? ''}`.trim(),
  agency_only: plain('只有受理机关可以登记纸质申请及其收到日期'),
  already_withdrawn: plain('该发布已经撤回，不能再次撤回'),
  already_extended: plain('答复期限只能延长一次（《条例》第三十三条）'),
  authentication_required: plain('需要身份验证：请使用 Authorization: Bearer <令牌>'),
  calendar_range_too_large: plain('日历的时间范围过大'),
  check_violation: plain('数据违反了数据库约束'),
  clarification_already_requested: plain('补正只能一次性告知（《条例》第三十条）'),
  clarification_window_passed: (d: Details) =>
    `应当自收到申请之日起7个工作日内一次性告知补正（《条例》第三十条）${text(d.lastDay) ? `，最后一日为 ${text(d.lastDay)}` : ''}`,
  codelist_not_found: (d: Details) => `没有名为 ${text(d.codelist) ?? ''} 的代码表`,
  concurrent_update: plain('另一项操作正在修改同一数据，请稍后重试'),
  conflict: plain('与已有数据冲突'),
  csv_parse_error: plain('CSV 文件无法继续读取'),
  database_unavailable: (d: Details) => `数据库暂时无法访问，未作任何更改；请${later(d)}重试`,
  dataset_not_found: (d: Details) => `找不到数据集 ${text(d.dataset) ?? text(d.id) ?? ''}`.trim(),
  deadline_passed: (d: Details) => `答复期限${text(d.dueOn) ? `（${text(d.dueOn)}）` : ''}已过，不能再延长`,
  empty_upload: plain('上传的文件没有数据行'),
  export_format_not_found: plain('不支持该导出格式'),
  filter_value_not_allowed: (d: Details) => {
    const s = typeof d.suggestion === 'object' && d.suggestion !== null ? (d.suggestion as Details) : {};
    const label = typeof s.label === 'object' && s.label !== null ? text((s.label as Details).zh) : undefined;
    const hint = text(s.value) ? `；是否要找 ${text(s.value)}${label ? `（${label}）` : ''}？` : '';
    return `取值 ${text(d.value) ?? ''} 不在允许的取值之内${where(d)}${hint}`;
  },
  feedback_closed: plain('该纠错已办结，不能再处理'),
  feedback_not_found: (d: Details) => `找不到纠错 ${text(d.trackingNumber) ?? ''}`.trim(),
  internal_error: plain('服务器内部错误，请稍后重试并提供请求编号'),
  interpretation_not_found: plain('该发布尚无解读'),
  invalid_agency: plain('机构信息无效'),
  invalid_aggregate: (d: Details) => `统计请求无效${where(d)}${allowedList(d)}`,
  invalid_answer: plain('答复无效'),
  invalid_authorization: plain('请使用 Authorization: Bearer <令牌>'),
  invalid_config: (d: Details) => `配置变量 ${text(d.variable) ?? ''} 无效`,
  invalid_cursor: plain('分页游标无效或已过期，请从第一页重新开始'),
  invalid_dataset: plain('数据集定义无效'),
  invalid_date: plain('日期无效'),
  invalid_date_range: plain('日期范围无效'),
  invalid_due_time: plain('截止时间须为 HH:MM（北京时间）'),
  invalid_duration: plain('时长须为 ISO 8601 格式，如 P3D、P1M'),
  invalid_encoding: (d: Details) =>
    `文件编码无效${text(d.byteOffset) ? `（第 ${text(d.byteOffset)} 字节）` : ''}，请另存为 UTF-8 或 GB18030`,
  invalid_feedback: plain('纠错内容不完整或无效'),
  invalid_feedback_response: plain('纠错答复无效'),
  invalid_field_name: plain('字段名无效'),
  invalid_filter_value: plain('筛选值无效'),
  invalid_header: plain('表头与数据结构不符'),
  invalid_identifier: plain('标识符无效'),
  invalid_instant: plain('时间无效'),
  invalid_interpretation: plain('解读无效'),
  invalid_withdrawal: plain('撤回请求无效：须写明撤回原因'),
  invalid_json: plain('不是有效的 JSON'),
  invalid_json_record: plain('JSON 记录无效'),
  invalid_multipart: plain('multipart 表单无效'),
  invalid_parameter: plain('参数无效'),
  invalid_period: plain('统计期无效'),
  invalid_period_kind: plain('统计期类型无效'),
  invalid_remedy_template: plain('救济途径模板无效'),
  invalid_request: plain('政府信息公开申请不完整或无效'),
  invalid_request_action: plain('办理操作无效'),
  invalid_schema: plain('数据结构定义无效'),
  invalid_search_query: plain('检索式无效'),
  invalid_status: plain('状态标记无效'),
  invalid_text: plain('文本无效'),
  invalid_token: plain('令牌无效或已被撤销'),
  invalid_token_request: plain('令牌申请无效'),
  invalid_value: plain('值无效'),
  json_too_deep: plain('JSON 嵌套层级过深'),
  major_change_unconfirmed: plain('这是重大（MAJOR）结构变更，请以 major=true 确认'),
  no_remedy_template: plain('管理员尚未设置救济途径模板'),
  no_published_release: plain('该数据集尚无已公开的发布，暂无数据包'),
  no_schema: plain('该数据集尚无数据结构版本，请先登记结构'),
  not_null_violation: plain('缺少必填值'),
  not_responsible: plain('令牌所属机构不负责该数据集'),
  nothing_to_revise: plain('该统计期尚无发布，无需更正，请直接发布'),
  payload_too_large: plain('请求体过大'),
  period_kind_mismatch: plain('统计期类型与数据集不符'),
  period_not_ended: (d: Details) =>
    `统计期 ${text(d.period) ?? ''} 尚未结束，${text(d.releasableFrom) ? `自 ${text(d.releasableFrom)} 起` : '结束后'}方可发布`,
  period_out_of_range: plain('统计期超出支持的范围'),
  period_range_too_large: plain('统计期范围过大'),
  query_timeout: plain('查询超时，请缩小范围后重试'),
  rate_limited: (d: Details) => `请求过于频繁；请${later(d)}重试`,
  reason_required: plain('更正须说明原因（reason）'),
  record_too_large: plain('单条记录过大'),
  reference_violation: plain('引用的数据不存在'),
  release_exists: plain('该统计期已有发布；如需更正，请使用 revise=true 并说明原因'),
  release_not_found: plain('找不到该发布'),
  release_withdrawn: (d: Details) =>
    `该发布已被撤回${where(d)}${text(d.reason) ? `，原因：${text(d.reason)}` : ''}`,
  request_cancelled: plain('客户端已断开，查询已取消'),
  request_not_found: (d: Details) => `找不到申请 ${text(d.trackingNumber) ?? ''}`.trim(),
  request_state: plain('申请当前的状态不允许此操作'),
  resource_not_found: (d: Details) => `找不到资源 ${text(d.resource) ?? ''}（或其尚未公开）`,
  restricted_fields_missing: plain('文档缺少受限字段；请从 include=restricted 的结构开始修改'),
  route_not_found: plain('没有这个接口'),
  schema_version_not_found: plain('找不到该结构版本'),
  storage_full: (d: Details) =>
    `数据库存储空间已满，本次操作未保存任何数据，已有数据不受影响；请${later(d)}重试或联系管理员`,
  token_not_found: plain('找不到该令牌'),
  too_many_columns: plain('列数过多'),
  unknown_action: (d: Details) => `没有名为 ${text(d.action) ?? ''} 的操作（CKAN 接口只提供只读操作）`,
  unknown_field: (d: Details) => `未知字段 ${text(d.field) ?? ''}${where({ parameter: d.parameter })}`,
  unknown_operator: (d: Details) =>
    `${text(d.type) ? `${text(d.type)} 类型的字段不支持此筛选运算符` : '未知的筛选运算符'}${where(d)}${allowedList(d)}`,
  unsupported_charset: plain('不支持该字符集，请使用 UTF-8 或 GB18030'),
  unsupported_media_type: plain('不支持该内容类型'),
  upload_too_large: plain('上传文件过大'),
  validation_failed: (d: Details) => `上传有 ${text(d.errorCount) ?? ''} 处错误，未保存任何数据`,
  value_too_long: plain('值过长'),
  vocabulary_not_found: (d: Details) => `找不到词表 ${text(d.vocabulary) ?? ''}`.trim(),
} satisfies Record<string, (d: Details) => string>;

export type ErrorCode = keyof typeof MESSAGES_ZH;

/** The Chinese message for a code; details that are not an object say nothing. */
export function messageZh(code: ErrorCode, details: unknown): string {
  const d = typeof details === 'object' && details !== null && !Array.isArray(details) ? details : {};
  return MESSAGES_ZH[code](d as Details);
}
