import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import type { PlayerQuestion } from './question-render';
import {
  ListQuestionsQueryDto, PlayerQuestionDto, PreviewQueryDto, QuestionDto, QuestionSummaryDto, QuestionVersionListDto, QuestionVersionParamDto, SaveQuestionDto,
} from './questions.dto';
import { QuestionsService } from './questions.service';

@ApiTags('Questions')
@ApiCookieAuth() @ApiBearerAuth()
@Controller()
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Get('question-banks/:id/questions')
  @RequirePermission(Permission.QuestionManage)
  @ApiPage(QuestionSummaryDto) @ApiErrors(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: ListQuestionsQueryDto): Promise<Page<QuestionSummaryDto>> {
    return this.questions.list(actor, id, q);
  }

  @Post('question-banks/:id/questions')
  @RequirePermission(Permission.QuestionManage)
  @ApiCreatedResponse({ type: QuestionDto }) @ApiErrors(400, 401, 403, 404)
  create(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: SaveQuestionDto): Promise<QuestionDto> {
    return this.questions.create(actor, id, dto);
  }

  @Get('questions/:id')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: QuestionDto, description: 'The current version' }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<QuestionDto> {
    return this.questions.get(actor, id);
  }

  @Put('questions/:id')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: QuestionDto, description: 'A new version (version + 1); older versions are kept unchanged' }) @ApiErrors(400, 401, 403, 404)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: SaveQuestionDto): Promise<QuestionDto> {
    return this.questions.update(actor, id, dto);
  }

  @Delete('questions/:id')
  @HttpCode(204)
  @RequirePermission(Permission.QuestionManage)
  @ApiNoContentResponse({ description: 'Soft-deleted; attempts keep the version they showed' }) @ApiErrors(400, 401, 403, 404)
  remove(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<void> {
    return this.questions.remove(actor, id);
  }

  @Get('questions/:id/versions')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: QuestionVersionListDto }) @ApiErrors(400, 401, 403, 404)
  versions(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<QuestionVersionListDto> {
    return this.questions.versions(actor, id);
  }

  @Get('questions/:id/versions/:version')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: QuestionDto, description: 'One version as it was saved' }) @ApiErrors(400, 401, 403, 404)
  version(@CurrentActor() actor: Actor, @Param() p: QuestionVersionParamDto): Promise<QuestionDto> {
    return this.questions.get(actor, p.id, Number(p.version));
  }

  @Get('questions/:id/preview')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: PlayerQuestionDto, description: 'The question as a learner sees it: no fractions, feedback or correct answers' }) @ApiErrors(400, 401, 403, 404)
  preview(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: PreviewQueryDto): Promise<PlayerQuestion> {
    return this.questions.preview(actor, id, q.version);
  }
}
