import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { pickLang } from '../../common/errors/messages';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import { contentDisposition } from '../files/file-types';
import { FilesService } from '../files/files.service';
import { buildCompletionTemplate } from './completion-sheet';
import { CompletionImportsService } from './completion-imports.service';
import {
  ApproveDto, CreateExternalCompletionFormDto, ExternalCompletionDto, ExternalCompletionListDto, ImportCommitDto, ImportFileDto, ImportPreviewDto,
  ListExternalCompletionsQueryDto, RejectDto,
} from './external-completions.dto';
import { ExternalCompletionsService } from './external-completions.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Completions earned elsewhere (BDHVS, provincial programmes): submission with evidence, review, spreadsheet import. */
@ApiTags('External completions')
@ApiCookieAuth() @ApiBearerAuth()
@Controller()
export class ExternalCompletionsController {
  constructor(
    private readonly completions: ExternalCompletionsService,
    private readonly imports: CompletionImportsService,
    private readonly files: FilesService,
  ) {}

  @Get('external-completions/template.xlsx')
  @RequirePermission(Permission.CourseRead)
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'Mẫu XLSX kết quả bồi dưỡng ngoài hệ thống', schema: { type: 'string', format: 'binary' } }) @ApiErrors(401, 403)
  async template(@Res() reply: FastifyReply): Promise<void> {
    await reply.type(XLSX).header('content-disposition', contentDisposition('mẫu-kết-quả-bồi-dưỡng-ngoài-hệ-thống.xlsx', false)).send(await buildCompletionTemplate());
  }

  @Get('external-completions')
  @RequirePermission(Permission.CourseRead)
  @ApiPage(ExternalCompletionDto) @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() q: ListExternalCompletionsQueryDto): Promise<Page<ExternalCompletionDto>> {
    return this.completions.list(actor, q);
  }

  @Post('external-completions')
  @RequirePermission(Permission.Learn)
  @ApiConsumes('multipart/form-data') @ApiBody({ type: CreateExternalCompletionFormDto })
  @ApiCreatedResponse({ type: ExternalCompletionDto }) @ApiErrors(400, 401, 404, 409, 413, 415)
  async create(@CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<ExternalCompletionDto> {
    const form = await this.files.readForm(req, 'evidence', 'evidence');
    return this.completions.create(actor, form.fields, form.file);
  }

  @Get('me/external-completions')
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: ExternalCompletionListDto }) @ApiErrors(401)
  mine(@CurrentActor() actor: Actor): Promise<ExternalCompletionListDto> {
    return this.completions.mine(actor);
  }

  @Get('external-completions/:id/evidence')
  @RequirePermission(Permission.Learn)
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg', 'image/webp')
  @ApiOkResponse({ description: 'the evidence file', schema: { type: 'string', format: 'binary' } }) @ApiErrors(400, 401, 404)
  async evidence(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<void> {
    await this.completions.sendEvidence(actor, id, reply);
  }

  @Post('external-completions/:id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.CompletionReview)
  @ApiOkResponse({ type: ExternalCompletionDto }) @ApiErrors(400, 401, 403, 404, 409)
  approve(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: ApproveDto): Promise<ExternalCompletionDto> {
    return this.completions.approve(actor, id, dto.note);
  }

  @Post('external-completions/:id/reject')
  @HttpCode(200)
  @RequirePermission(Permission.CompletionReview)
  @ApiOkResponse({ type: ExternalCompletionDto }) @ApiErrors(400, 401, 403, 404, 409)
  reject(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: RejectDto): Promise<ExternalCompletionDto> {
    return this.completions.reject(actor, id, dto.note);
  }

  @Post('external-completions/imports')
  @RequirePermission(Permission.CompletionReview)
  @ApiConsumes('multipart/form-data') @ApiBody({ type: ImportFileDto })
  @ApiCreatedResponse({ type: ImportPreviewDto }) @ApiErrors(400, 401, 403, 413, 415)
  async importPreview(@CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<ImportPreviewDto> {
    const upload = await this.files.readUpload(req, 'import');
    return this.imports.preview(actor, upload.fileName, upload.buf, pickLang(req.headers['accept-language']));
  }

  @Post('external-completions/imports/:id/commit')
  @HttpCode(200)
  @RequirePermission(Permission.CompletionReview)
  @ApiOkResponse({ type: ImportCommitDto }) @ApiErrors(400, 401, 403, 404, 409)
  commit(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ImportCommitDto> {
    return this.imports.commit(actor, id);
  }

  @Post('external-completions/imports/:id/cancel')
  @HttpCode(204)
  @RequirePermission(Permission.CompletionReview)
  @ApiNoContentResponse({ description: 'Đã hủy lượt nhập' }) @ApiErrors(400, 401, 403, 404, 409)
  cancel(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<void> {
    return this.imports.cancel(actor, id);
  }
}
