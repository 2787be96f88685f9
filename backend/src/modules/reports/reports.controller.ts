import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors } from '../../common/http/api-page.decorator';
import { IdParamDto } from '../../common/http/params';
import { CreateReportDto, ReportDto, ReportListDto, ReportPeriodListDto, SubmitReportDto, UpdateReportDto } from './reports.dto';
import { ReportsService } from './reports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Semi-annual reports to the provincial Department of Science and Technology (cut-offs 15/6 and 15/12). */
@ApiTags('Reports')
@ApiCookieAuth() @ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('report-periods')
  @RequirePermission(Permission.TargetRead)
  @ApiOkResponse({ type: ReportPeriodListDto }) @ApiErrors(401, 403)
  periods(): ReportPeriodListDto {
    return this.reports.periods();
  }

  @Get('reports')
  @RequirePermission(Permission.TargetRead)
  @ApiOkResponse({ type: ReportListDto }) @ApiErrors(401, 403)
  list(@CurrentActor() actor: Actor): Promise<ReportListDto> {
    return this.reports.list(actor);
  }

  @Post('reports')
  @RequirePermission(Permission.TargetManage)
  @ApiCreatedResponse({ type: ReportDto }) @ApiErrors(400, 401, 403, 404)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateReportDto): Promise<ReportDto> {
    return this.reports.create(actor, dto);
  }

  @Get('reports/:id')
  @RequirePermission(Permission.TargetRead)
  @ApiOkResponse({ type: ReportDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ReportDto> {
    return this.reports.get(actor, id);
  }

  @Patch('reports/:id')
  @RequirePermission(Permission.TargetManage)
  @ApiOkResponse({ type: ReportDto }) @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateReportDto): Promise<ReportDto> {
    return this.reports.update(actor, id, dto);
  }

  @Post('reports/:id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.TargetManage)
  @ApiOkResponse({ type: ReportDto }) @ApiErrors(400, 401, 403, 404, 409)
  submit(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: SubmitReportDto): Promise<ReportDto> {
    return this.reports.submit(actor, id, dto);
  }

  @Post('reports/:id/revise')
  @RequirePermission(Permission.TargetManage)
  @ApiCreatedResponse({ type: ReportDto }) @ApiErrors(400, 401, 403, 404, 409)
  revise(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() _dto: SubmitReportDto): Promise<ReportDto> {
    return this.reports.revise(actor, id);
  }

  @Get('reports/:id/report.pdf')
  @RequirePermission(Permission.TargetRead)
  @ApiProduces('application/pdf') @ApiOkResponse({ description: 'Báo cáo (PDF, A4)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 401, 403, 404)
  async pdf(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.reports.document(actor, id, 'pdf');
    await reply.type('application/pdf').header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
  }

  @Get('reports/:id/report.xlsx')
  @RequirePermission(Permission.TargetRead)
  @ApiProduces(XLSX) @ApiOkResponse({ description: 'Các biểu số liệu (XLSX)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 401, 403, 404)
  async xlsx(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.reports.document(actor, id, 'xlsx');
    await reply.type(XLSX).header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
  }
}
