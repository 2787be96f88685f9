import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, RequirePermission } from '../../../common/auth/decorators';
import { Actor, Permission } from '../../../common/auth/permissions';
import { AppError } from '../../../common/errors/app-error';
import { pickLang } from '../../../common/errors/messages';
import { ApiErrors, ApiPage } from '../../../common/http/api-page.decorator';
import { Page } from '../../../common/http/dto';
import { IdParamDto } from '../../../common/http/params';
import { AuditService } from '../../audit/audit.service';
import { ImportRowDto, ImportSummaryDto, ListImportRowsQueryDto, UploadFileDto } from './staff-imports.dto';
import { StaffImportsService } from './staff-imports.service';
import { buildStaffTemplate } from './staff-sheet';

@ApiTags('Staff imports')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('staff/imports')
export class StaffImportsController {
  constructor(private readonly imports: StaffImportsService, private readonly audit: AuditService) {}

  @Get('template')
  @RequirePermission(Permission.StaffImport)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Mẫu XLSX danh sách cán bộ', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(401, 403)
  async template(@Res() reply: FastifyReply): Promise<void> {
    const buf = await buildStaffTemplate();
    await reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="mau-danh-sach-can-bo.xlsx"; filename*=UTF-8''m%E1%BA%ABu-danh-s%C3%A1ch-c%C3%A1n-b%E1%BB%99.xlsx`)
      .send(buf);
  }

  @Post()
  @RequirePermission(Permission.StaffImport)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadFileDto })
  @ApiCreatedResponse({ type: ImportSummaryDto })
  @ApiErrors(400, 401, 403, 413, 415)
  async upload(@CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<ImportSummaryDto> {
    if (!req.isMultipart()) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', {}, { file: { vi: 'Hãy gửi tệp dạng multipart/form-data, trường "file"', en: 'Send the file as multipart/form-data, field "file"' } });
    }
    const part = await req.file();
    if (!part || part.fieldname !== 'file') {
      throw new AppError(400, 'VALIDATION_FAILED', {}, { file: { vi: 'Chưa chọn tệp', en: 'No file was sent' } });
    }
    const buf = await part.toBuffer();
    if (!buf.length) throw new AppError(400, 'VALIDATION_FAILED', {}, { file: { vi: 'Tệp rỗng', en: 'The file is empty' } });
    return this.imports.preview(actor, part.filename, buf, pickLang(req.headers['accept-language']));
  }

  @Get(':id')
  @RequirePermission(Permission.StaffImport)
  @ApiOkResponse({ type: ImportSummaryDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ImportSummaryDto> {
    return this.imports.get(actor, id);
  }

  @Get(':id/rows')
  @RequirePermission(Permission.StaffImport)
  @ApiPage(ImportRowDto) @ApiErrors(400, 401, 403, 404)
  rows(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: ListImportRowsQueryDto): Promise<Page<ImportRowDto>> {
    return this.imports.rows(actor, id, q);
  }

  @Post(':id/commit')
  @RequirePermission(Permission.StaffImport)
  @HttpCode(200)
  @ApiOkResponse({ type: ImportSummaryDto }) @ApiErrors(400, 401, 403, 404, 409)
  commit(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ImportSummaryDto> {
    return this.imports.commit(actor, id);
  }

  @Post(':id/cancel')
  @RequirePermission(Permission.StaffImport)
  @HttpCode(200)
  @ApiOkResponse({ type: ImportSummaryDto }) @ApiErrors(400, 401, 403, 404, 409)
  cancel(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ImportSummaryDto> {
    return this.imports.cancel(actor, id);
  }
}
