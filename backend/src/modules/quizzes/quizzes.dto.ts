import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow, ArrayMaxSize, IsArray, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator, ValidateIf, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/dto';
import { Bool, Enum, Int, Text, Uuid } from '../../common/validation/decorators';

export const GRADING_METHODS = ['highest', 'average', 'first', 'last'] as const;
export const NAVIGATIONS = ['free', 'sequential'] as const;
export const REVIEW_WHEN = ['immediately', 'after_close', 'never'] as const;
export const OVERDUE = ['autosubmit', 'grace', 'discard'] as const;
export const QUIZ_STATUSES = ['draft', 'published'] as const;
export const ATTEMPT_STATUSES = ['in_progress', 'submitted', 'needs_grading', 'graded'] as const;
export const ANSWER_STATES = ['unanswered', 'correct', 'partial', 'wrong', 'needs_grading', 'graded', 'info'] as const;
export const EXPORT_FORMATS = ['gift', 'moodlexml', 'xlsx'] as const;
export type ReviewWhen = (typeof REVIEW_WHEN)[number];

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with a time zone (Z or ±hh:mm), e.g. 2026-06-15T08:00:00+07:00. */
export function IsoInstant(opts: { nullable?: boolean; description?: string } = {}) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', nullable: opts.nullable, example: '2026-06-15T08:00:00+07:00', description: opts.description }),
    opts.nullable ? ValidateIf((_, v) => v !== null && v !== undefined) : IsOptional(),
    ((object: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isIsoInstant', target: object.constructor, propertyName: propertyName as string,
        validator: {
          validate: (v: unknown) => {
            if (typeof v !== 'string' || !INSTANT_RE.test(v)) return false;
            // the calendar date and the time must exist as written (Date.parse rolls 30 February over to March)
            const [y, mo, d, h, mi, se] = v.split(/[-T:.+Z]/).map(Number);
            if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h > 23 || mi > 59 || (se || 0) > 59) return false;
            const t = Date.parse(v);
            return Number.isFinite(t) && t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2200, 0, 1);
          },
        },
      })) as PropertyDecorator,
  );
}

// ------------------------------------------------------------------------------------------ quiz settings

export class ReviewSettingsDto {
  @Enum(REVIEW_WHEN, { required: true, description: 'when the learner sees the score' }) score: ReviewWhen;
  @Enum(REVIEW_WHEN, { required: true, description: 'when the learner sees the right answers' }) correctAnswers: ReviewWhen;
  @Enum(REVIEW_WHEN, { required: true, description: 'when the learner sees the feedback' }) feedback: ReviewWhen;
}

class QuizSettingsFields {
  @ApiPropertyOptional({ type: String, description: 'HTML, sanitised by the server' }) @IsOptional() @IsString() @MaxLength(100000) description?: string;
  @Uuid({ nullable: true, description: 'the course this quiz belongs to (in scope)' }) courseId?: string | null;
  @IsoInstant({ nullable: true }) openAt?: string | null;
  @IsoInstant({ nullable: true }) closeAt?: string | null;
  @Int({ min: 1, max: 1440, nullable: true }) timeLimitMinutes?: number | null;
  @Int({ min: 1, max: 100, nullable: true }) maxAttempts?: number | null;
  @Int({ min: 0, max: 43200 }) attemptDelayMinutes?: number;
  @Enum(GRADING_METHODS) gradingMethod?: string;
  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 100, example: 70 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100) passMark?: number;
  @Bool() shuffleQuestions?: boolean;
  @Bool() shuffleOptions?: boolean;
  @Int({ min: 0, max: 100 }) questionsPerPage?: number; // 0 = all questions on one page
  @Enum(NAVIGATIONS) navigation?: string;
  @ApiPropertyOptional({ type: ReviewSettingsDto }) @IsOptional() @ValidateNested() @Type(() => ReviewSettingsDto) review?: ReviewSettingsDto;
  @Enum(OVERDUE) overdue?: string;
  @Int({ min: 0, max: 1440 }) graceMinutes?: number;
}

export class CreateQuizDto extends QuizSettingsFields {
  @Text({ max: 300, min: 1, required: true, example: 'Kiểm tra cuối khóa' }) title: string;
  @Uuid({ required: true }) ownerUnitId: string;
}

export class UpdateQuizDto extends QuizSettingsFields {
  @Text({ max: 300, min: 1 }) title?: string;
  @Uuid() ownerUnitId?: string;
}

export class ListQuizzesQueryDto extends PageQueryDto {
  @Text({ max: 100 }) q?: string;
  @Uuid() courseId?: string;
  @Enum(QUIZ_STATUSES) status?: string;
}

export class QuizDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'sanitised HTML' }) description: string;
  @ApiProperty({ format: 'uuid' }) ownerUnitId: string;
  @ApiProperty() ownerUnitName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the course quiz item that takes its score from this quiz' }) courseItemId: string | null;
  @ApiProperty({ enum: QUIZ_STATUSES }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) openAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closeAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) timeLimitMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxAttempts: number | null;
  @ApiProperty() attemptDelayMinutes: number;
  @ApiProperty({ enum: GRADING_METHODS }) gradingMethod: string;
  @ApiProperty() passMark: number;
  @ApiProperty() shuffleQuestions: boolean;
  @ApiProperty() shuffleOptions: boolean;
  @ApiProperty() questionsPerPage: number;
  @ApiProperty({ enum: NAVIGATIONS }) navigation: string;
  @ApiProperty({ type: ReviewSettingsDto }) review: ReviewSettingsDto;
  @ApiProperty({ enum: OVERDUE }) overdue: string;
  @ApiProperty() graceMinutes: number;
  @ApiProperty() slotCount: number;
  @ApiProperty({ description: 'questions an attempt gets (random slots count several)' }) questionCount: number;
  @ApiProperty() totalMarks: number;
  @ApiProperty() attemptCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
}

// ------------------------------------------------------------------------------------------ slots

export class SlotInputDto {
  @Enum(['fixed', 'random'] as const, { required: true }) kind: 'fixed' | 'random';
  @Uuid({ description: 'fixed: the question' }) questionId?: string;
  @Uuid({ description: 'random: the category to draw from' }) categoryId?: string;
  @Bool() includeSubcategories?: boolean;
  @Text({ max: 60, nullable: true, description: 'random: only questions with this tag' }) tag?: string | null;
  @Int({ min: 1, max: 200 }) count?: number; // random: how many questions to draw
  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 1000, description: 'per question; fixed: defaults to the question mark, random: 1' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(1000) mark?: number;
}

export class SaveSlotsDto {
  @ApiProperty({ type: [SlotInputDto] })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => SlotInputDto)
  slots: SlotInputDto[];
}

export class SlotQuestionDto {
  @ApiProperty() title: string;
  @ApiProperty() type: string;
  @ApiProperty() version: number;
}

export class SlotDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty({ enum: ['fixed', 'random'] }) kind: string;
  @ApiProperty({ description: 'per question' }) mark: number;
  @ApiPropertyOptional({ format: 'uuid' }) questionId?: string;
  @ApiPropertyOptional({ type: SlotQuestionDto }) question?: SlotQuestionDto;
  @ApiPropertyOptional({ format: 'uuid' }) categoryId?: string;
  @ApiPropertyOptional() categoryName?: string;
  @ApiPropertyOptional() includeSubcategories?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) tag?: string | null;
  @ApiPropertyOptional() count?: number;
  @ApiPropertyOptional({ description: 'random: questions that match now' }) available?: number;
}

export class SlotsDto {
  @ApiProperty({ type: [SlotDto] }) slots: SlotDto[];
}

// ------------------------------------------------------------------------------------------ overrides

export class OverrideInputDto {
  @Uuid({ required: true }) staffId: string;
  @IsoInstant({ nullable: true }) openAt?: string | null;
  @IsoInstant({ nullable: true }) closeAt?: string | null;
  @Int({ min: 1, max: 1440, nullable: true }) extraMinutes?: number | null;
  @Int({ min: 1, max: 100, nullable: true }) extraAttempts?: number | null;
}

export class OverrideDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) quizId: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) openAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closeAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) extraMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true }) extraAttempts: number | null;
}

export class OverrideListDto {
  @ApiProperty({ type: [OverrideDto] }) items: OverrideDto[];
}

// ------------------------------------------------------------------------------------------ trainer: attempts, grading, statistics

export class ListAttemptsQueryDto extends PageQueryDto {
  @Enum(ATTEMPT_STATUSES) status?: string;
  @Bool({ query: true }) needsGrading?: boolean;
}

export class AttemptRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) quizId: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() unitName: string;
  @ApiProperty() attemptNo: number;
  @ApiProperty({ enum: ATTEMPT_STATUSES }) status: string;
  @ApiProperty({ description: 'false: finished after the deadline on a "discard" quiz' }) counted: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deadlineAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['learner', 'timer'] }) finishedBy: string | null;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty() maxScore: number;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed: boolean | null;
  @ApiProperty({ description: 'answers waiting for a grader' }) toGrade: number;
}

export class GradingQueueItemDto {
  @ApiProperty({ format: 'uuid' }) attemptId: string;
  @ApiProperty() slot: number;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty() questionTitle: string;
  @ApiProperty({ description: 'sanitised HTML' }) questionText: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) response: Record<string, unknown> | null;
  @ApiProperty() maxMark: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
}

export class ManualGradeDto {
  @ApiProperty({ type: Number, minimum: 0, example: 1.5 }) @IsNumber({ maxDecimalPlaces: 4 }) @Min(0) @Max(1000) mark: number;
  @Text({ max: 5000, description: 'Nhận xét của người chấm' }) comment?: string;
}

export class AttemptScoreDto {
  @ApiProperty({ enum: ATTEMPT_STATUSES }) status: string;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty() maxScore: number;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed: boolean | null;
}

export class ManualGradeResultDto {
  @ApiProperty({ format: 'uuid' }) attemptId: string;
  @ApiProperty() slot: number;
  @ApiProperty() mark: number;
  @ApiProperty() maxMark: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) gradedAt: string;
  @ApiProperty({ type: AttemptScoreDto }) attempt: AttemptScoreDto;
}

export class RegradeDto {
  @Uuid({ description: 'only this question (default: every question of the quiz)' }) questionId?: string;
}

export class RegradeResultDto {
  @ApiProperty({ description: 'finished attempts looked at' }) attempts: number;
  @ApiProperty({ description: 'attempts whose score changed (old and new kept in attempt_grade_history)' }) changed: number;
  @ApiProperty({ description: 'attempt questions moved to the current version of their question' }) updatedQuestions: number;
  @ApiProperty({ description: 'attempt questions whose current version has another structure (kept on their version)' }) skipped: number;
}

export class DistributionBucketDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty() count: number;
}

export class OptionCountDto {
  @ApiProperty() text: string;
  @ApiProperty() count: number;
}

export class QuestionStatsDto {
  @ApiProperty({ description: 'position of the quiz slot' }) slot: number;
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty() title: string;
  @ApiProperty() type: string;
  @ApiProperty({ description: 'answers graded' }) count: number;
  @ApiProperty({ type: Number, nullable: true, description: 'facility index, % (mean fraction x 100)' }) facility: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'discrimination index, % (correlation with the rest of the test x 100)' }) discrimination: number | null;
  @ApiProperty({ type: [OptionCountDto] }) options: OptionCountDto[];
}

export class QuizStatisticsDto {
  @ApiProperty({ description: 'graded, counted attempts' }) attempts: number;
  @ApiProperty({ type: Number, nullable: true }) mean: number | null;
  @ApiProperty({ type: Number, nullable: true }) median: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '0..1' }) passRate: number | null;
  @ApiProperty({ type: [DistributionBucketDto] }) distribution: DistributionBucketDto[];
  @ApiProperty({ type: [QuestionStatsDto] }) questions: QuestionStatsDto[];
}

export class QuizExportQueryDto {
  @Enum(EXPORT_FORMATS, { required: true }) format: string;
}

// ------------------------------------------------------------------------------------------ learner

export class PlayerOptionDto {
  @ApiProperty({ description: 'opaque, per attempt' }) key: string;
  @ApiProperty() text: string;
}

export class EssayOptionsDto {
  @ApiPropertyOptional() minWords?: number;
  @ApiPropertyOptional() maxWords?: number;
  @ApiPropertyOptional() responseTemplate?: string;
}

export class PlayerQuestionDto {
  @ApiProperty() slot: number;
  @ApiProperty({ description: 'page of the attempt (1-based)' }) page: number;
  @ApiProperty() type: string;
  @ApiPropertyOptional({ description: 'missing_word: how the blank is answered' }) baseType?: string;
  @ApiProperty({ description: 'sanitised HTML' }) text: string;
  @ApiProperty() mark: number;
  @ApiPropertyOptional({ type: [PlayerOptionDto] }) options?: PlayerOptionDto[];
  @ApiPropertyOptional() multiple?: boolean;
  @ApiPropertyOptional({ type: [PlayerOptionDto] }) left?: PlayerOptionDto[];
  @ApiPropertyOptional({ type: [PlayerOptionDto] }) right?: PlayerOptionDto[];
  @ApiPropertyOptional({ type: [PlayerOptionDto] }) items?: PlayerOptionDto[];
  @ApiPropertyOptional({ type: EssayOptionsDto }) essay?: EssayOptionsDto;
}

export class SavedAnswerDto {
  @ApiProperty() slot: number;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) response: Record<string, unknown> | null;
  @ApiProperty() seq: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) savedAt: string | null;
  @ApiProperty() flagged: boolean;
}

export class QuestionResultDto {
  @ApiProperty() slot: number;
  @ApiProperty({ type: Number, nullable: true }) mark: number | null;
  @ApiProperty() maxMark: number;
  @ApiProperty({ enum: ANSWER_STATES }) state: string;
}

export class AttemptResultDto {
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty() maxScore: number;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed: boolean | null;
  @ApiProperty({ type: [QuestionResultDto] }) perQuestion: QuestionResultDto[];
}

export class AttemptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) quizId: string;
  @ApiProperty() quizTitle: string;
  @ApiProperty() attemptNo: number;
  @ApiProperty({ enum: ATTEMPT_STATUSES }) status: string;
  @ApiProperty() counted: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'stored at start; the timer counts down to it' }) deadlineAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'answers and the submission are refused after this (deadline + grace)' }) cutoffAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'the server clock, to correct the local one' }) serverNow: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ enum: NAVIGATIONS }) navigation: string;
  @ApiProperty({ description: '0 = all on one page' }) questionsPerPage: number;
  @ApiProperty() pageCount: number;
  @ApiProperty({ description: 'sequential navigation: pages before this one are closed' }) currentPage: number;
  @ApiProperty({ type: [PlayerQuestionDto] }) questions: PlayerQuestionDto[];
  @ApiProperty({ type: [SavedAnswerDto] }) answers: SavedAnswerDto[];
  @ApiPropertyOptional({ type: AttemptResultDto, description: 'only when the review rules show the score' }) result?: AttemptResultDto;
  @ApiProperty({ description: 'GET /me/attempts/:id/review answers now' }) reviewAvailable: boolean;
}

export class LearnerQuizDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'with a personal override applied' }) openAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closeAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'with extra time applied' }) timeLimitMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'with extra attempts applied' }) maxAttempts: number | null;
  @ApiProperty() attemptDelayMinutes: number;
  @ApiProperty({ enum: GRADING_METHODS }) gradingMethod: string;
  @ApiProperty() passMark: number;
  @ApiProperty() questionCount: number;
  @ApiProperty() totalMarks: number;
  @ApiProperty() questionsPerPage: number;
  @ApiProperty({ enum: NAVIGATIONS }) navigation: string;
  @ApiProperty({ enum: OVERDUE }) overdue: string;
  @ApiProperty() graceMinutes: number;
  @ApiProperty({ type: ReviewSettingsDto }) review: ReviewSettingsDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseItemId: string | null;
}

export class AttemptSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() attemptNo: number;
  @ApiProperty({ enum: ATTEMPT_STATUSES }) status: string;
  @ApiProperty() counted: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deadlineAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'only when the review rules show the score' }) score?: number | null;
  @ApiPropertyOptional() maxScore?: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) percent?: number | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) passed?: boolean | null;
  @ApiProperty() reviewAvailable: boolean;
}

export class MyQuizDto {
  @ApiProperty({ type: LearnerQuizDto }) quiz: LearnerQuizDto;
  @ApiProperty({ type: [AttemptSummaryDto] }) attempts: AttemptSummaryDto[];
  @ApiProperty() canStart: boolean;
  @ApiPropertyOptional({ description: 'why not: QUIZ_NOT_OPEN, QUIZ_CLOSED, NO_ATTEMPTS_LEFT, ATTEMPT_DELAY, ITEM_LOCKED, ENROLMENT_CLOSED' }) reason?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'ATTEMPT_DELAY: when the next attempt may start' }) retryAt?: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the attempt in progress (POST …/attempts resumes it)' }) openAttemptId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the quiz grade by the grading method, when the review rules show scores' }) bestPercent: number | null;
  @ApiProperty({ format: 'date-time' }) serverNow: string;
}

export class StartAttemptDto {}

export class SaveAnswerDto {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'one of { choice } { choices } { text } { number } { pairs } { order }; null or {} clears the answer' })
  @Allow() response: unknown;
  @ApiProperty({ description: 'increases with every change of this answer; a save with seq ≤ the stored one is acknowledged and ignored' })
  @Int({ min: 0, max: Number.MAX_SAFE_INTEGER, required: true }) seq: number;
  @Bool() flagged?: boolean;
}

export class SaveAckDto {
  @ApiProperty() slot: number;
  @ApiProperty({ description: 'the stored seq' }) seq: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) savedAt: string | null;
  @ApiProperty({ format: 'date-time' }) serverNow: string;
  @ApiProperty({ description: 'false when an equal or newer save was already stored' }) applied: boolean;
}

export class SubmitAnswerDto {
  @Int({ min: 1, max: 10000, required: true }) slot: number;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) @Allow() response: unknown;
  @Int({ min: 0, max: Number.MAX_SAFE_INTEGER, required: true }) seq: number;
  @Bool() flagged?: boolean;
}

export class SubmitDto {
  @ApiPropertyOptional({ type: [SubmitAnswerDto], description: 'answers not acknowledged yet (same rules as a save)' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => SubmitAnswerDto)
  answers?: SubmitAnswerDto[];
}

export class GoToPageDto {
  @Int({ min: 1, max: 10000, required: true }) page: number;
}

export class PageAckDto {
  @ApiProperty() currentPage: number;
}

export class RightAnswerDto {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'a full-mark response, in this attempt\'s keys' }) response: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, percent: { type: 'number' } } } }) accepted?: { text: string; percent: number }[];
}

export class FeedbackDto {
  @ApiProperty() general: string;
  @ApiProperty({ type: [String] }) specific: string[];
}

export class ReviewQuestionDto extends PlayerQuestionDto {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) response: Record<string, unknown> | null;
  @ApiPropertyOptional({ enum: ANSWER_STATES, description: 'with the score' }) state?: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'with the score' }) awarded?: number | null;
  @ApiPropertyOptional({ type: RightAnswerDto, nullable: true, description: 'with the right answers' }) rightAnswer?: RightAnswerDto | null;
  @ApiPropertyOptional({ type: FeedbackDto, description: 'with the feedback' }) feedback?: FeedbackDto;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the grader\'s comment, with the feedback' }) graderComment?: string | null;
}

export class ReviewShowsDto {
  @ApiProperty() score: boolean;
  @ApiProperty() correctAnswers: boolean;
  @ApiProperty() feedback: boolean;
}

export class AttemptReviewDto {
  @ApiProperty({ type: AttemptDto }) attempt: AttemptDto;
  @ApiProperty({ type: ReviewShowsDto }) shows: ReviewShowsDto;
  @ApiProperty({ type: [ReviewQuestionDto] }) questions: ReviewQuestionDto[];
}

export class AttemptSlotParamDto {
  @ApiProperty({ format: 'uuid' }) @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'isUuid' }) id: string;
  @Int({ min: 1, max: 10000, required: true, query: true }) slot: number;
}

export class QuizIdParamDto {
  @ApiProperty({ format: 'uuid' }) @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'isUuid' }) quizId: string;
}
