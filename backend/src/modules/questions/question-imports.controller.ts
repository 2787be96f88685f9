import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { AppError } from '../../common/errors/app-error';
import { ApiErrors } from '../../common/http/api-page.decorator';
import { IdParamDto } from '../../common/http/params';
import { buildQuestionTemplate } from './formats';
import { QuestionImportsService } from './question-imports.service';
import { ImportCommitResultDto, QuestionImportDto, QuestionImportUploadDto } from './questions.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('Question imports')
@ApiCookieAuth() @ApiBearerAuth()
@Controller()
export class QuestionImportsController {
  constructor(private readonly imports: QuestionImportsService) {}

  @Get('question-imports/template.xlsx')
  @RequirePermission(Permission.QuestionManage)
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'Excel template: Vietnamese headers, one example per question type, a "Hướng dẫn" sheet', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(401, 403)
  async template(@Res() reply: FastifyReply): Promise<void> {
    const buf = await buildQuestionTemplate();
    await reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="mau-cau-hoi.xlsx"; filename*=UTF-8''${encodeURIComponent('mẫu-câu-hỏi.xlsx')}`)
      .send(buf);
  }

  @Post('question-banks/:id/imports')
  @RequirePermission(Permission.QuestionManage)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: QuestionImportUploadDto })
  @ApiCreatedResponse({ type: QuestionImportDto, description: 'The preview: nothing is written to the bank until commit' })
  @ApiErrors(400, 401, 403, 404, 413, 415)
  async upload(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Req() req: FastifyRequest): Promise<QuestionImportDto> {
    if (!req.isMultipart()) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', {}, { file: { vi: 'Hãy gửi tệp dạng multipart/form-data, trường "file"', en: 'Send the file as multipart/form-data, field "file"' } });
    }
    const fields: Record<string, string> = {};
    let file: { name: string; buf: Buffer } | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer();
          continue;
        }
        file = { name: part.filename || 'upload', buf: await part.toBuffer() };
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value.trim();
    }
    if (!file) throw new AppError(400, 'VALIDATION_FAILED', {}, { file: { vi: 'Chưa chọn tệp', en: 'No file was sent' } });
    if (!file.buf.length) throw new AppError(400, 'VALIDATION_FAILED', {}, { file: { vi: 'Tệp rỗng', en: 'The file is empty' } });
    return this.imports.preview(actor, id, { fileName: file.name, buf: file.buf, format: fields.format, categoryId: fields.categoryId });
  }

  @Get('question-imports/:id')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: QuestionImportDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<QuestionImportDto> {
    return this.imports.get(actor, id);
  }

  @Post('question-imports/:id/commit')
  @HttpCode(200)
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: ImportCommitResultDto }) @ApiErrors(400, 401, 403, 404, 409)
  commit(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ImportCommitResultDto> {
    return this.imports.commit(actor, id);
  }

  @Post('question-imports/:id/cancel')
  @HttpCode(204)
  @RequirePermission(Permission.QuestionManage)
  @ApiNoContentResponse({ description: 'Cancelled: nothing was imported' }) @ApiErrors(400, 401, 403, 404, 409)
  cancel(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<void> {
    return this.imports.cancel(actor, id);
  }
}
