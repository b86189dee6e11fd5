const DUE_RULES = {
  weekly: { offset: 'P2D', time: '09:30' },
  monthly: { offset: 'P10D', time: '09:00' },
} as const;

/** The body of POST /api/v1/datasets (and of createDataset) for a test dataset. */
export function testDatasetBody(
  id: string,
  agency: string,
  options: { cadence?: keyof typeof DUE_RULES; titleZh?: string; titleEn?: string } = {},
) {
  const cadence = options.cadence ?? 'weekly';
  return {
    id,
    title: { zh: options.titleZh ?? '测试数据', en: options.titleEn ?? 'Test data' },
    description: { zh: '测试', en: 'test' },
    agencies: [agency],
    legalBasis: '晋政办发〔2017〕50号',
    clause: '三(五)',
    cadence,
    dueRule: DUE_RULES[cadence],
    licence: 'CC-BY-4.0',
    themes: [],
    tags: [],
  };
}

/** A weekly test dataset (child-server tests). */
export function weeklyDatasetBody(id: string, agency: string, titleZh: string, titleEn: string) {
  return testDatasetBody(id, agency, { titleZh, titleEn });
}
