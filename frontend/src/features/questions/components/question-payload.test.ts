import { makeQuestion } from '../../../testing/question-data';
import type { Question, QuestionData } from '../types';
import { countBlanks, formFieldOf, newValues, toInput, toValues } from './question-payload';

const data = (d: Partial<QuestionData>): QuestionData => ({ answers: [], pairs: [], numeric: [], generalFeedback: '', ...d });
const q = (overrides: Partial<Question>) => makeQuestion(overrides);

describe('question payload', () => {
  it.each<[string, Partial<Question>]>([
    ['single choice', { type: 'single_choice' }],
    [
      'multiple choice with a penalty',
      {
        type: 'multiple_choice',
        data: data({
          answers: [
            { text: 'A', fraction: 0.5, feedback: '' },
            { text: 'B', fraction: 0.5, feedback: '<p>đúng</p>' },
            { text: 'C', fraction: -0.3333333, feedback: '' },
          ],
          single: false,
          shuffleAnswers: false,
        }),
      },
    ],
    [
      'true/false with feedback',
      {
        type: 'true_false',
        data: data({
          correctAnswer: false,
          answers: [
            { text: 'True', fraction: 0, feedback: 'Chưa đúng' },
            { text: 'False', fraction: 1, feedback: 'Chính xác' },
          ],
        }),
      },
    ],
    [
      'short answer ignoring diacritics',
      {
        type: 'short_answer',
        data: data({ answers: [{ text: 'Hà Nội', fraction: 1, feedback: '' }], caseSensitive: true, ignoreDiacritics: true }),
      },
    ],
    [
      'numeric with a tolerance and a range',
      {
        type: 'numeric',
        data: data({
          answers: [
            { text: '3.14:0.01', fraction: 1, feedback: '' },
            { text: '3..4', fraction: 0.5, feedback: 'gần đúng' },
          ],
          numeric: [
            { value: 3.14, tolerance: 0.01 },
            { min: 3, max: 4 },
          ],
        }),
      },
    ],
    [
      'matching with a distractor',
      {
        type: 'matching',
        data: data({
          pairs: [
            { left: 'VNeID', right: 'Định danh điện tử' },
            { left: 'DVC', right: 'Dịch vụ công' },
            { left: '', right: 'Thư điện tử' },
          ],
          shuffleAnswers: true,
        }),
      },
    ],
    ['ordering', { type: 'ordering', data: data({ pairs: [{ left: 'Đăng nhập', right: '' }, { left: 'Nộp hồ sơ', right: '' }] }) }],
    [
      'missing word over numeric',
      {
        type: 'missing_word',
        text: '<p>Tổng đài hỗ trợ là _____</p>',
        data: data({ baseType: 'numeric', answers: [{ text: '1022', fraction: 1, feedback: '' }], numeric: [{ value: 1022, tolerance: 0 }] }),
      },
    ],
    ['essay', { type: 'essay', data: data({ essay: { minWords: 50, maxWords: 300, responseTemplate: 'Mở bài:' } }) }],
    ['description', { type: 'description', defaultMark: 0, data: data({}) }],
  ])('gives back the stored data of a %s question', (_, overrides) => {
    const question = q(overrides);
    const input = toInput(toValues(question));
    // the written form of numeric answers is the server's business; the rest must round-trip
    const expected = question.type === 'numeric' || question.data.baseType === 'numeric'
      ? { ...question.data, answers: question.data.answers.map((a) => ({ ...a, text: expect.any(String) })) }
      : question.data;
    expect(input.data).toEqual(expected);
    expect(input).toMatchObject({ type: question.type, title: question.title, text: question.text, categoryId: question.categoryId, tags: question.tags });
    expect(input.defaultMark).toBe(question.type === 'description' ? 0 : question.defaultMark);
  });

  it('sends short-answer options as the server names them', () => {
    const v = { ...newValues('cat-1', 'short_answer'), title: ' T ', text: '<p>x</p>' };
    v.accepted = [{ text: ' Hà Nội ', percent: 100, feedback: '' }];
    v.caseInsensitive = true;
    v.ignoreDiacritics = true;
    expect(toInput(v).data).toEqual({
      answers: [{ text: 'Hà Nội', fraction: 1, feedback: '' }],
      pairs: [],
      numeric: [],
      generalFeedback: '',
      caseSensitive: false,
      ignoreDiacritics: true,
    });
  });

  it('maps server field paths to the inputs of the form', () => {
    const multiple = newValues('cat-1', 'multiple_choice');
    expect(formFieldOf('data.answers.2.fraction', multiple)).toEqual(['choices', 2, 'percent']);
    expect(formFieldOf('data.answers[1].text', multiple)).toEqual(['choices', 1, 'text']);
    expect(formFieldOf('data.answers', multiple)).toEqual(['choices']);
    expect(formFieldOf('title', multiple)).toEqual(['title']);
    expect(formFieldOf('tags.3', multiple)).toEqual(['tags']);
    expect(formFieldOf('data.generalFeedback', multiple)).toEqual(['generalFeedback']);
    expect(formFieldOf('requestId', multiple)).toBeNull();

    const numeric = newValues('cat-1', 'numeric');
    expect(formFieldOf('data.numeric.0.max', numeric)).toEqual(['numbers', 0, 'max']);
    expect(formFieldOf('data.answers.0.fraction', numeric)).toEqual(['numbers', 0, 'percent']);

    const matching = { ...newValues('cat-1', 'matching'), distractors: [{ text: 'x' }] };
    expect(formFieldOf('data.pairs.1.left', matching)).toEqual(['pairs', 1, 'left']);
    expect(formFieldOf('data.pairs.3.right', matching)).toEqual(['distractors', 0, 'text']);
    expect(formFieldOf('data.pairs.0.left', newValues('cat-1', 'ordering'))).toEqual(['items', 0, 'text']);

    const tf = newValues('cat-1', 'true_false');
    expect(formFieldOf('data.answers.1.feedback', tf)).toEqual(['falseFeedback']);
    const mw = { ...newValues('cat-1', 'missing_word'), baseType: 'single_choice' as const };
    expect(formFieldOf('data.answers.0.text', mw)).toEqual(['choices', 0, 'text']);
    expect(formFieldOf('data.essay.maxWords', newValues('cat-1', 'essay'))).toEqual(['essayMaxWords']);
  });

  it('counts the blanks of a missing-word text', () => {
    expect(countBlanks('Thủ đô là ___.')).toBe(1);
    expect(countBlanks('Thủ đô là {}.')).toBe(1);
    expect(countBlanks('__ và ___ và _____')).toBe(2);
    expect(countBlanks('không có')).toBe(0);
  });
});
