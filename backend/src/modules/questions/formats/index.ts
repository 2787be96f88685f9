/** Question import/export formats: one entry point per direction, used by the CLI and (later) the upload/preview API. */
import { parseAiken, exportAiken } from './aiken';
import { parseGift, exportGift } from './gift';
import { parseMoodleXml, exportMoodleXml } from './moodle-xml';
import { toNeutral, type ParseResult, type Question } from './question';
import { exportQuestionXlsx, parseQuestionXlsx } from './xlsx';

export * from './question';
export { parseGift, exportGift } from './gift';
export { parseAiken, exportAiken } from './aiken';
export { parseMoodleXml, exportMoodleXml } from './moodle-xml';
export { parseQuestionXlsx, exportQuestionXlsx, buildQuestionTemplate } from './xlsx';

export const INPUT_FORMATS = ['gift', 'aiken', 'moodlexml', 'xlsx'] as const;
export const OUTPUT_FORMATS = ['json', 'gift', 'moodlexml', 'xlsx', 'aiken'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export async function parseQuestions(data: Buffer, from: InputFormat): Promise<ParseResult> {
  switch (from) {
    case 'gift':
      return parseGift(data);
    case 'aiken':
      return parseAiken(data);
    case 'moodlexml':
      return parseMoodleXml(data);
    case 'xlsx':
      return parseQuestionXlsx(data);
  }
}

/** Serialise questions; text formats come back as a string, xlsx as bytes. */
export async function exportQuestions(questions: Question[], to: OutputFormat, onSkip?: (q: Question, reason: string) => void): Promise<string | Buffer> {
  switch (to) {
    case 'json':
      return JSON.stringify(questions.map(toNeutral), null, 2) + '\n';
    case 'gift':
      return exportGift(questions, { onSkip });
    case 'aiken':
      return exportAiken(questions, { onSkip });
    case 'moodlexml':
      return exportMoodleXml(questions, { onSkip });
    case 'xlsx':
      return exportQuestionXlsx(questions, { onSkip });
  }
}
