/**
 * Aiken import/export, following Moodle's qformat_aiken: a question line, options "A) …" / "A. …",
 * then "ANSWER: X". Question and option text are HTML-escaped (Moodle stores them as HTML); the title is the raw line.
 */
import { checkGrades } from './grades';
import { decodeText, shortenName, err, flagLegacyFonts, phpTrim, questionLabel, type ParseResult, type Question } from './question';

/** htmlspecialchars(…, ENT_NOQUOTES): & < > only. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&amp;/g, '&');
}

export function parseAiken(input: string | Buffer | Uint8Array): ParseResult {
  const text = decodeText(input);
  const result: ParseResult = { questions: [], errors: [], categories: [] };
  let q: Question | null = null;
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = phpTrim(raw);
    if (line.length < 2) return;
    if (/^[A-Z][).][ \t]?/.test(line)) {
      if (!q) {
        result.errors.push(err('questionnotstarted', `Question not started on line ${lineNo}`, `Chưa bắt đầu câu hỏi ở dòng ${lineNo} (phương án không có câu hỏi đứng trước)`, { line: lineNo }));
        return;
      }
      q.answers.push({ text: escapeHtml(phpTrim(line.slice(2))), fraction: 0, feedback: '' });
    } else if (line.startsWith('ANSWER:')) {
      if (!q) {
        result.errors.push(err('questionnotstarted', `Question not started on line ${lineNo}`, `Chưa bắt đầu câu hỏi ở dòng ${lineNo} (dòng ANSWER không có câu hỏi đứng trước)`, { line: lineNo }));
        return;
      }
      const letter = phpTrim(line.slice(line.indexOf(':') + 1)).slice(0, 1);
      const right = letter.charCodeAt(0) - 'A'.charCodeAt(0);
      const label = questionLabel(q);
      if (q.answers.length < 2) {
        result.errors.push(
          err('questionmissinganswers', `Question must have at least 2 answers on line ${lineNo}`, `Câu hỏi phải có ít nhất 2 phương án (dòng ${lineNo})`, { line: lineNo, question: label }),
        );
      } else if (!(right >= 0 && right < q.answers.length)) {
        result.errors.push(
          err(
            'questionmissinganswer',
            `The ANSWER line "${line}" does not name one of the options on line ${lineNo}`,
            `Dòng ANSWER "${line}" không trỏ tới phương án nào (dòng ${lineNo})`,
            { line: lineNo, question: label },
          ),
        );
      } else {
        q.answers[right].fraction = 1;
        const bad = checkGrades(q, { line: q.line });
        if (bad) result.errors.push(bad);
        else result.questions.push(q);
      }
      q = null;
    } else {
      if (q) {
        result.errors.push(
          err(
            'questionnotcomplete',
            `Question not completed before next question start on line ${lineNo}`,
            `Câu hỏi chưa hoàn chỉnh (thiếu dòng ANSWER) trước khi bắt đầu câu hỏi mới ở dòng ${lineNo}`,
            { line: lineNo, question: questionLabel(q) },
          ),
        );
      }
      q = {
        type: 'single_choice',
        title: shortenName(line),
        text: escapeHtml(line),
        textFormat: 'html',
        answers: [],
        pairs: [],
        numeric: [],
        generalFeedback: '',
        category: null,
        single: true,
        line: lineNo,
      };
    }
  });
  if (q) {
    const open = q as Question;
    result.errors.push(
      err('questionnotcomplete', `Question not completed at the end of the file (no ANSWER line)`, `Câu hỏi cuối tệp chưa hoàn chỉnh (thiếu dòng ANSWER)`, {
        line: open.line,
        question: questionLabel(open),
      }),
    );
  }
  flagLegacyFonts(result.questions);
  return result;
}

/** Aiken can only hold single-choice questions with at most 26 one-line options; others are reported through onSkip. */
export function exportAiken(questions: Question[], opts: { onSkip?: (q: Question, reason: string) => void } = {}): string {
  const out: string[] = [];
  for (const q of questions) {
    const plain = (s: string) => (q.textFormat === 'html' || q.textFormat === undefined ? unescapeHtml(s) : s).replace(/\s*\n\s*/g, ' ').trim();
    const correct = q.answers.filter((a) => a.fraction === 1);
    if (q.type !== 'single_choice' || correct.length !== 1 || q.answers.some((a) => a.fraction !== 0 && a.fraction !== 1) || q.answers.length < 2 || q.answers.length > 26) {
      opts.onSkip?.(q, `${questionLabel(q)}: Aiken only holds single-choice questions with one 100% option and 2-26 options`);
      continue;
    }
    const lines = [plain(q.text)];
    q.answers.forEach((a, i) => lines.push(`${String.fromCharCode(65 + i)}) ${plain(a.text)}`));
    lines.push(`ANSWER: ${String.fromCharCode(65 + q.answers.indexOf(correct[0]))}`);
    out.push(lines.join('\n'));
  }
  return out.join('\n\n') + '\n';
}
