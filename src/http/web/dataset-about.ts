import type { DatasetTimeliness, Standing } from '../../calendar';
import type { DatasetSummary } from '../../catalog';
import { cadenceRule, delayWords, percent, periodLabel, shanghaiDateTime } from './format';
import { html, type Html } from './html';
import { pick, translator, type Lang } from './i18n';
import { lateMark, sampleMark, statusMark } from './parts';

/** The 废止/失效 banner: shown above everything, since it changes what the page means. */
export function statusBanner(lang: Lang, s: DatasetSummary): Html | '' {
  const d = s.dataset;
  if (d.status.status === 'active') return '';
  const t = translator(lang);
  return html`<div class="banner" role="alert" data-status="${d.status.status}">
    <strong>${statusMark(lang, d.status)}</strong>
    ${t(
      `本项公开要求已于 ${d.status.date ?? '—'} ${d.status.label}`,
      `This disclosure item was marked ${d.status.status} on ${d.status.date ?? '—'}`,
    )}${d.status.reason ? html`${t('：', ': ')}${d.status.reason}` : ''}。
    ${t('已发布的数据仍可下载。', 'Published data remains available for download.')}
  </div>`;
}

export function aboutSection(
  lang: Lang,
  s: DatasetSummary,
  standing: Standing,
  timeliness: DatasetTimeliness,
): Html {
  const t = translator(lang);
  const d = s.dataset;
  const sum = timeliness.summary;
  const next = standing.next;
  return html`<section aria-labelledby="about">
    <h2 id="about">${t('关于', 'About')}</h2>
    ${
      d.isSample
        ? html`<p class="sample">
            ${sampleMark(lang, true)}
            ${t(
              '示例数据（合成），不是官方统计，仅用于演示。',
              'Synthetic sample data, not official statistics; for demonstration only.',
            )}
          </p>`
        : ''
    }
    <p>${pick(lang, d.description)}</p>
    <dl class="facts">
      <dt>${t('责任单位', 'Agency')}</dt>
      <dd>
        ${d.agencies.map(
          (a, i) =>
            html`${i ? t('、', ', ') : ''}<a href="/agencies/${a.id}">${pick(lang, a.name)}</a>${
                i === 0 ? t('（牵头）', ' (lead)') : ''
              }`,
        )}
      </dd>
      <dt>${t('公开依据', 'Legal basis')}</dt>
      <dd>${d.legalBasis} ${t('第', 'clause ')}${d.clause}${t('项', '')}</dd>
      <dt>${t('发布周期', 'Cadence')}</dt>
      <dd data-cadence="${d.cadence}">${cadenceRule(lang, d)}</dd>
      <dt>${t('下次应发布', 'Next due')}</dt>
      <dd data-next-due>
        ${
          next
            ? `${shanghaiDateTime(next.dueAt)}${t('（', ' (')}${periodLabel(lang, next.period)}${t('）', ')')}`
            : t('无（不定期或已停止）', 'none (irregular or no longer required)')
        }
      </dd>
      <dt>${t('状态', 'Status')}</dt>
      <dd>${statusMark(lang, d.status, true)} ${lateMark(lang, standing)}</dd>
      <dt>${t(`${timeliness.year}年时效`, `Timeliness ${timeliness.year}`)}</dt>
      <dd>
        ${t(
          `应发布 ${sum.due} 期：按时 ${sum.onTime}，逾期 ${sum.late}，缺失 ${sum.missing}；按时率 ${percent(sum.onTimeRate)}`,
          `${sum.due} periods due: ${sum.onTime} on time, ${sum.late} late, ${sum.missing} missing; on-time rate ${percent(sum.onTimeRate)}`,
        )}${
          sum.maxDelaySeconds
            ? t(
                `；最长逾期 ${delayWords(lang, sum.maxDelaySeconds)}`,
                `; longest delay ${delayWords(lang, sum.maxDelaySeconds)}`,
              )
            : ''
        }
      </dd>
      <dt>${t('数据范围', 'Coverage')}</dt>
      <dd>
        ${
          s.stats.releaseCount > 0
            ? t(
                `${periodLabel(lang, s.stats.firstPeriod)} 至 ${periodLabel(lang, s.stats.lastPeriod)}，共 ${s.stats.releaseCount} 期 ${s.stats.rowCount} 行`,
                `${periodLabel(lang, s.stats.firstPeriod)} to ${periodLabel(lang, s.stats.lastPeriod)}: ${s.stats.releaseCount} periods, ${s.stats.rowCount} rows`,
              )
            : t('尚未发布数据', 'Nothing published yet')
        }
      </dd>
      <dt>${t('许可', 'Licence')}</dt>
      <dd>${d.licence}</dd>
    </dl>
  </section>`;
}
