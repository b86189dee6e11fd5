import { noticeDataset, POVERTY_CAUSES, POVERTY_STATUS_EXITED, POVERTY_STATUS_POOR } from '../../src/notice';
import { parsePeriod, periodRange } from '../../src/periods';
import { planReleases, sampleOf } from './common';
import { intBetween, pick, pickWeighted, rngFor, type Rng } from './random';
import type { SampleDataset } from './types';

/**
 * A small register of poor households in a few villages, 2017–2019. It exists to show
 * (and to let tests prove) that the restricted fields — the household head's name and ID
 * number — are stored but never served. Every name is drawn from a seeded generator and
 * every ID number carries birth month 00, so none can be a real person's.
 */
const definition = noticeDataset('poverty-registry');
const ID = definition.dataset.id;
/** The notice defines no first period (tracking starts when created); the sample history does. */
const FIRST = '2017';
const LAST = '2019';

/** Villages by county (real county codes of former poverty counties; invented villages). */
const VILLAGES: readonly { county: string; township: string; village: string; households: number }[] = [
  { county: '140723', township: '青城镇', village: '东峪村', households: 34 },
  { county: '140723', township: '青城镇', village: '南窑村', households: 22 },
  { county: '141126', township: '前山乡', village: '后沟村', households: 41 },
  { county: '141126', township: '前山乡', village: '石坪村', households: 27 },
  { county: '140927', township: '东湖乡', village: '西庄村', households: 30 },
];

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '建国军平明华文玉兰秀英志强永生海林俊杰丽红霞春梅新民金凤桂芳德胜保成喜来拴柱富贵二虎三娃小东云飞';

/** Causes weighted roughly as in Shanxi's 2016 register (illness and lack of skills lead). */
const CAUSE_WEIGHTS: Readonly<Record<string, number>> = {
  因病: 30,
  因残: 8,
  因学: 7,
  因灾: 3,
  缺土地: 2,
  缺水: 2,
  缺技术: 18,
  缺劳力: 12,
  缺资金: 10,
  交通条件落后: 3,
  自身发展动力不足: 5,
};
const CAUSES = POVERTY_CAUSES.map((c) => [c, CAUSE_WEIGHTS[c] ?? 1] as const);

/** Share of the register that has exited poverty by the end of each year. */
const EXITED_BY: Readonly<Record<number, number>> = { 2017: 0.3, 2018: 0.6, 2019: 0.9 };

interface Household {
  county: string;
  township: string;
  village: string;
  no: string;
  name: string;
  idNumber: string;
  size: number;
  cause: string;
  /** Rank in the exit order: households below EXITED_BY[year] × total have exited. */
  exitRank: number;
}

function personName(rng: Rng): string {
  const given = rng() < 0.35 ? pick(rng, [...GIVEN]) : pick(rng, [...GIVEN]) + pick(rng, [...GIVEN]);
  return pick(rng, [...SURNAMES]) + given;
}

/** 18 characters in the real layout, but birth month 00 makes it impossible as a real ID. */
function syntheticIdNumber(rng: Rng, county: string): string {
  const year = intBetween(rng, 1940, 1990);
  const day = String(intBetween(rng, 1, 28)).padStart(2, '0');
  const seq = String(intBetween(rng, 0, 999)).padStart(3, '0');
  const check = pick(rng, [...'0123456789X']);
  return `${county}${year}00${day}${seq}${check}`;
}

/** The register as first compiled; later years change only the poverty status. */
const HOUSEHOLDS: readonly Household[] = (() => {
  const rng = rngFor(ID, 'register');
  const list: Household[] = VILLAGES.flatMap((v) =>
    Array.from({ length: v.households }, (_, i) => ({
      county: v.county,
      township: v.township,
      village: v.village,
      no: String(i + 1).padStart(4, '0'),
      name: personName(rng),
      idNumber: syntheticIdNumber(rng, v.county),
      size: pickWeighted(rng, [
        [1, 12],
        [2, 25],
        [3, 25],
        [4, 22],
        [5, 11],
        [6, 5],
      ] as const),
      cause: pickWeighted(rng, CAUSES),
      exitRank: rng(),
    })),
  );
  // Ranks become evenly spaced positions so that each year's exit share is exact.
  const order = [...list].sort((a, b) => a.exitRank - b.exitRank);
  order.forEach((h, i) => (h.exitRank = i / order.length));
  return list;
})();

function exitYear(h: Household): number | undefined {
  for (const year of [2017, 2018, 2019]) if (h.exitRank < (EXITED_BY[year] ?? 0)) return year;
  return undefined;
}

function* releases() {
  const years = periodRange(parsePeriod(FIRST, 'year'), parsePeriod(LAST, 'year'));
  yield* planReleases({ datasetId: ID, dueRule: definition.dataset.dueRule, periods: years }, (y, text) =>
    HOUSEHOLDS.map((h) => {
      const exited = exitYear(h);
      const hasExited = exited !== undefined && exited <= y.year;
      return {
        period: text,
        county: h.county,
        township: h.township,
        village: h.village,
        household_no: h.no,
        head_name: h.name,
        head_id_number: h.idNumber,
        household_size: String(h.size),
        main_cause: h.cause,
        status: hasExited ? POVERTY_STATUS_EXITED : POVERTY_STATUS_POOR,
        exit_year: hasExited ? String(exited) : '',
      };
    }),
  );
}

export const povertyRegistry: SampleDataset = sampleOf(definition, releases, { firstPeriod: FIRST });

/** The synthetic heads of household, for tests that prove the names never leave the platform. */
export const SAMPLE_POVERTY_NAMES: readonly string[] = HOUSEHOLDS.map((h) => h.name);
export const SAMPLE_POVERTY_ID_NUMBERS: readonly string[] = HOUSEHOLDS.map((h) => h.idNumber);
