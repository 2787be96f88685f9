import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page, PageQueryDto } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import { Text } from '../../common/validation/decorators';
import type { QuestionExportFormat } from '../questions/question-export';
import { AttemptsService } from './attempts.service';
import {
  AttemptDto, AttemptReviewDto, AttemptRowDto, AttemptSlotParamDto, CreateQuizDto, GoToPageDto, GradingQueueItemDto, ListAttemptsQueryDto,
  ListQuizzesQueryDto, ManualGradeDto, ManualGradeResultDto, MyQuizDto, OverrideDto, OverrideInputDto, OverrideListDto, PageAckDto, QuizDto,
  QuizExportQueryDto, QuizIdParamDto, QuizStatisticsDto, RegradeDto, RegradeResultDto, SaveAckDto, SaveAnswerDto, SaveSlotsDto, SlotsDto,
  StartAttemptDto, SubmitDto, UpdateQuizDto,
} from './quizzes.dto';
import { QuizzesService } from './quizzes.service';

export class PublishQuizDto {
  @Text({ max: 1000, description: 'Ghi chú (ghi vào nhật ký)' }) note?: string;
}

@ApiTags('Quizzes')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('quizzes')
export class QuizzesController {
  constructor(private readonly quizzes: QuizzesService) {}

  @Get()
  @RequirePermission(Permission.QuizManage)
  @ApiPage(QuizDto) @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() q: ListQuizzesQueryDto): Promise<Page<QuizDto>> {
    return this.quizzes.list(actor, q);
  }

  @Post()
  @RequirePermission(Permission.QuizManage)
  @ApiCreatedResponse({ type: QuizDto }) @ApiErrors(400, 401, 403)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateQuizDto): Promise<QuizDto> {
    return this.quizzes.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.QuizManage)
  @ApiOkResponse({ type: QuizDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<QuizDto> {
    return this.quizzes.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.QuizManage)
  @ApiOkResponse({ type: QuizDto }) @ApiErrors(400, 401, 403, 404)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateQuizDto): Promise<QuizDto> {
    return this.quizzes.update(actor, id, dto);
  }

  @Get(':id/slots')
  @RequirePermission(Permission.QuizManage)
  @ApiOkResponse({ type: SlotsDto }) @ApiErrors(400, 401, 403, 404)
  slots(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<SlotsDto> {
    return this.quizzes.slots(actor, id);
  }

  @Put(':id/slots')
  @RequirePermission(Permission.QuizManage)
  @ApiOkResponse({ type: SlotsDto }) @ApiErrors(400, 401, 403, 404, 409)
  saveSlots(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: SaveSlotsDto): Promise<SlotsDto> {
    return this.quizzes.saveSlots(actor, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequirePermission(Permission.QuizManage)
  @ApiOkResponse({ type: QuizDto }) @ApiErrors(400, 401, 403, 404)
  publish(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() _dto: PublishQuizDto): Promise<QuizDto> {
    return this.quizzes.publish(actor, id);
  }

  @Get(':id/overrides')
  @RequirePermission(Permission.QuizManage)
  @ApiOkResponse({ type: OverrideListDto }) @ApiErrors(400, 401, 403, 404)
  overrides(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<OverrideListDto> {
    return this.quizzes.overrides(actor, id);
  }

  @Post(':id/overrides')
  @RequirePermission(Permission.QuizManage)
  @ApiCreatedResponse({ type: OverrideDto, description: 'created, or replaced when the person already has one' }) @ApiErrors(400, 401, 403, 404)
  setOverride(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: OverrideInputDto): Promise<OverrideDto> {
    return this.quizzes.setOverride(actor, id, dto);
  }

  @Get(':id/attempts')
  @RequirePermission(Permission.QuizManage)
  @ApiPage(AttemptRowDto) @ApiErrors(400, 401, 403, 404)
  attempts(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: ListAttemptsQueryDto): Promise<Page<AttemptRowDto>> {
    return this.quizzes.attempts(actor, id, q);
  }

  @Get(':id/grading-queue')
  @RequirePermission(Permission.QuizManage)
  @ApiPage(GradingQueueItemDto) @ApiErrors(400, 401, 403, 404)
  gradingQueue(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: PageQueryDto): Promise<Page<GradingQueueItemDto>> {
    return this.quizzes.gradingQueue(actor, id, q);
  }

  @Post(':id/regrade')
  @HttpCode(200)
  @RequirePermission(Permission.QuizManage)
  @ApiOkResponse({ type: RegradeResultDto }) @ApiErrors(400, 401, 403, 404)
  regrade(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: RegradeDto): Promise<RegradeResultDto> {
    return this.quizzes.regrade(actor, id, dto);
  }

  @Get(':id/statistics')
  @RequirePermission(Permission.QuizManage)
  @ApiOkResponse({ type: QuizStatisticsDto }) @ApiErrors(400, 401, 403, 404)
  statistics(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<QuizStatisticsDto> {
    return this.quizzes.statistics(actor, id);
  }

  @Get(':id/export')
  @RequirePermission(Permission.QuizManage)
  @ApiProduces('text/plain', 'application/xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Các câu hỏi cố định của bài kiểm tra (GIFT, Moodle XML hoặc Excel)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 401, 403, 404)
  async export(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: QuizExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.quizzes.export(actor, id, q.format as QuestionExportFormat);
    await reply.type(f.contentType).header('content-disposition', f.disposition).header('x-skipped-questions', String(f.skipped.length)).send(f.body);
  }
}

@ApiTags('Quizzes')
@ApiCookieAuth() @ApiBearerAuth()
@Controller()
export class QuizGradingController {
  constructor(private readonly quizzes: QuizzesService) {}

  @Delete('quiz-overrides/:id')
  @HttpCode(204)
  @RequirePermission(Permission.QuizManage)
  @ApiNoContentResponse({ description: 'Đã bỏ điều kiện riêng' }) @ApiErrors(400, 401, 403, 404)
  deleteOverride(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<void> {
    return this.quizzes.deleteOverride(actor, id);
  }

  @Post('attempts/:id/slots/:slot/grade')
  @HttpCode(200)
  @RequirePermission(Permission.QuizManage)
  @ApiOkResponse({ type: ManualGradeResultDto }) @ApiErrors(400, 401, 403, 404, 409)
  grade(@CurrentActor() actor: Actor, @Param() p: AttemptSlotParamDto, @Body() dto: ManualGradeDto): Promise<ManualGradeResultDto> {
    return this.quizzes.grade(actor, p.id, p.slot, dto);
  }
}

@ApiTags('Attempts')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('me')
export class AttemptsController {
  constructor(private readonly attempts: AttemptsService) {}

  @Get('quizzes/:quizId')
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: MyQuizDto }) @ApiErrors(400, 401, 404)
  myQuiz(@CurrentActor() actor: Actor, @Param() { quizId }: QuizIdParamDto): Promise<MyQuizDto> {
    return this.attempts.myQuiz(actor, quizId);
  }

  @Post('quizzes/:quizId/attempts')
  @RequirePermission(Permission.Learn)
  @ApiCreatedResponse({ type: AttemptDto, description: 'a new attempt' })
  @ApiOkResponse({ type: AttemptDto, description: 'the attempt already in progress' })
  @ApiErrors(400, 401, 404, 409)
  async start(
    @CurrentActor() actor: Actor, @Param() { quizId }: QuizIdParamDto, @Body() _dto: StartAttemptDto, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttemptDto> {
    const r = await this.attempts.start(actor, quizId);
    if (!r.created) reply.status(200);
    return r.attempt;
  }

  @Get('attempts/:id')
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: AttemptDto }) @ApiErrors(400, 401, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<AttemptDto> {
    return this.attempts.get(actor, id);
  }

  @Put('attempts/:id/answers/:slot')
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: SaveAckDto }) @ApiErrors(400, 401, 404, 409)
  save(@CurrentActor() actor: Actor, @Param() p: AttemptSlotParamDto, @Body() dto: SaveAnswerDto): Promise<SaveAckDto> {
    return this.attempts.save(actor, p.id, p.slot, dto);
  }

  @Post('attempts/:id/page')
  @HttpCode(200)
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: PageAckDto }) @ApiErrors(400, 401, 404, 409)
  page(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: GoToPageDto): Promise<PageAckDto> {
    return this.attempts.goToPage(actor, id, dto);
  }

  @Post('attempts/:id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: AttemptDto }) @ApiErrors(400, 401, 404, 409)
  submit(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: SubmitDto): Promise<AttemptDto> {
    return this.attempts.submit(actor, id, dto);
  }

  @Get('attempts/:id/review')
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: AttemptReviewDto }) @ApiErrors(400, 401, 403, 404)
  review(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<AttemptReviewDto> {
    return this.attempts.review(actor, id);
  }
}
