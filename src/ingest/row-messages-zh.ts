import type { RowError } from './validation-report';

/**
 * The Chinese sentence for each row rule, from the rule and the row error's own facts;
 * the English one is written where the rule is checked. Agencies read Chinese first.
 */
const RULES_ZH: Record<string, (e: RowError) => string> = {
  type: (e) => `“${e.value}”不是该字段类型的有效值`,
  range: (e) => `“${e.value}”超出该字段允许的范围`,
  required: () => '必填，不能为空',
  enum: (e) => `“${e.value}”不在允许的取值之内`,
  pattern: (e) => `“${e.value}”不符合规定的格式`,
  minimum: (e) => `“${e.value}”小于允许的最小值`,
  maximum: (e) => `“${e.value}”大于允许的最大值`,
  minLength: () => '长度小于规定的最少字符数',
  maxLength: () => '长度超过规定的最多字符数',
  period_mismatch: () => '每一行都必须属于本次发布的统计期',
  duplicate_key: (e) => `主键与第 ${e.otherRow ?? '?'} 行重复`,
  unique: (e) => `${e.column} 与第 ${e.otherRow ?? '?'} 行重复`,
  field_count: (e) => `表头有 ${e.expected ?? '?'} 列，本行有 ${e.found ?? '?'} 列`,
};

export function rowMessageZh(e: RowError): string {
  return RULES_ZH[e.rule]?.(e) ?? e.message;
}
