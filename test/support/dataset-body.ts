/** The body of POST /api/v1/datasets for a weekly test dataset (child-server tests). */
export function weeklyDatasetBody(id: string, agency: string, titleZh: string, titleEn: string) {
  return {
    id,
    title: { zh: titleZh, en: titleEn },
    description: { zh: '测试', en: 'test' },
    agencies: [agency],
    legalBasis: '晋政办发〔2017〕50号',
    clause: '三(五)',
    cadence: 'weekly',
    dueRule: { offset: 'P2D', time: '09:30' },
    licence: 'CC-BY-4.0',
    themes: [],
    tags: [],
  };
}
