import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tokenFrom } from '../../common/auth/auth.guard';
import { CurrentActor, Public, RequestWithActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { AppError } from '../../common/errors/app-error';
import { pickLang } from '../../common/errors/messages';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import { AuthService } from '../auth/auth.service';
import {
  AddRosterDto, AddRosterResultDto, CancelSessionDto, CheckInDto, CheckInResultDto, CheckInScreenDto, ClassReportDto, ClassResponseDto,
  ClassStatusDto, CreateClassDto, CreateSeriesDto, CreateSessionDto, HistoryQueryDto, ListClassesQueryDto, LiveListDto, LiveQueryDto,
  MarkHistoryListDto, PersonReportDto, PostponeResultDto, PostponeSessionDto, ResidentDto, ResidentsQueryDto, ResolveCheckInDto,
  ResolveResultDto, RosterImportQueryDto, RosterImportResultDto, RosterImportUploadDto, RosterListDto, RosterParamDto, RosterQueryDto,
  SaveMarksDto, SaveMarksResultDto, SeriesResultDto, SessionListDto, SessionMarksDto, SessionResponseDto, SessionsQueryDto, UnitReportDto,
  UpdateClassDto, UpdateSessionDto, YearQueryDto,
} from './attendance.dto';
import { AttendanceReportsService, TableFile } from './attendance-reports.service';
import { CheckinService } from './checkin.service';
import { ClassesService } from './classes.service';
import { MarksService } from './marks.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function sendFile(reply: FastifyReply, f: TableFile, type: string): Promise<void> {
  await reply.type(type).header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
}

@ApiTags('Attendance: classes')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('classes')
export class ClassesController {
  constructor(
    private readonly classes: ClassesService,
    private readonly reports: AttendanceReportsService,
  ) {}

  @Get()
  @RequirePermission(Permission.AttendanceManage)
  @ApiPage(ClassResponseDto) @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() q: ListClassesQueryDto): Promise<Page<ClassResponseDto>> {
    return this.classes.list(actor, q);
  }

  @Post()
  @RequirePermission(Permission.AttendanceManage)
  @ApiCreatedResponse({ type: ClassResponseDto }) @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateClassDto): Promise<ClassResponseDto> {
    return this.classes.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: ClassResponseDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ClassResponseDto> {
    return this.classes.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: ClassResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateClassDto): Promise<ClassResponseDto> {
    return this.classes.update(actor, id, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: ClassResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  status(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: ClassStatusDto): Promise<ClassResponseDto> {
    return this.classes.setStatus(actor, id, dto);
  }

  @Get(':id/sessions')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: SessionListDto }) @ApiErrors(400, 401, 403, 404)
  sessions(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: SessionsQueryDto): Promise<SessionListDto> {
    return this.classes.sessions(actor, id, q.status);
  }

  @Post(':id/sessions')
  @RequirePermission(Permission.AttendanceManage)
  @ApiCreatedResponse({ type: SessionResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  createSession(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: CreateSessionDto): Promise<SessionResponseDto> {
    return this.classes.createSession(actor, id, dto);
  }

  @Post(':id/sessions/series')
  @RequirePermission(Permission.AttendanceManage)
  @ApiCreatedResponse({ type: SeriesResultDto }) @ApiErrors(400, 401, 403, 404, 409)
  createSeries(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: CreateSeriesDto): Promise<SeriesResultDto> {
    return this.classes.createSeries(actor, id, dto);
  }

  @Get(':id/roster')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: RosterListDto }) @ApiErrors(400, 401, 403, 404)
  roster(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: RosterQueryDto): Promise<RosterListDto> {
    return this.classes.roster(actor, id, q.q);
  }

  @Post(':id/roster')
  @HttpCode(200)
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: AddRosterResultDto }) @ApiErrors(400, 401, 403, 404, 409)
  addRoster(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: AddRosterDto): Promise<AddRosterResultDto> {
    return this.classes.addToRoster(actor, id, dto);
  }

  @Delete(':id/roster/:rosterId')
  @HttpCode(204)
  @RequirePermission(Permission.AttendanceManage)
  @ApiNoContentResponse({ description: 'Đã xóa khỏi danh sách lớp' }) @ApiErrors(400, 401, 403, 404, 409)
  removeRoster(@CurrentActor() actor: Actor, @Param() p: RosterParamDto): Promise<void> {
    return this.classes.removeFromRoster(actor, p.id, p.rosterId);
  }

  @Post(':id/roster/import')
  @HttpCode(200)
  @RequirePermission(Permission.AttendanceManage)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: RosterImportUploadDto })
  @ApiOkResponse({ type: RosterImportResultDto }) @ApiErrors(400, 401, 403, 404, 409, 413, 415)
  async importRoster(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: RosterImportQueryDto, @Req() req: FastifyRequest): Promise<RosterImportResultDto> {
    if (!req.isMultipart()) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', {}, { file: { vi: 'Hãy gửi tệp dạng multipart/form-data, trường "file"', en: 'Send the file as multipart/form-data, field "file"' } });
    }
    const part = await req.file();
    if (!part || part.fieldname !== 'file') throw new AppError(400, 'VALIDATION_FAILED', {}, { file: { vi: 'Chưa chọn tệp', en: 'No file was sent' } });
    const buf = await part.toBuffer();
    if (!buf.length) throw new AppError(400, 'VALIDATION_FAILED', {}, { file: { vi: 'Tệp rỗng', en: 'The file is empty' } });
    return this.classes.importRoster(actor, id, part.filename, buf, q.dryRun ?? false, pickLang(req.headers['accept-language']));
  }

  @Get(':id/report')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: ClassReportDto }) @ApiErrors(400, 401, 403, 404)
  report(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ClassReportDto> {
    return this.reports.classReport(actor, id);
  }

  @Get(':id/report.xlsx')
  @RequirePermission(Permission.AttendanceManage)
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'Bảng điểm danh người × buổi (XLSX)', schema: { type: 'string', format: 'binary' } }) @ApiErrors(400, 401, 403, 404)
  async reportXlsx(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<void> {
    await sendFile(reply, await this.reports.exportClass(actor, id, 'xlsx'), XLSX);
  }

  @Get(':id/report.csv')
  @RequirePermission(Permission.AttendanceManage)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Bảng điểm danh (CSV, UTF-8 có BOM, phân cách ;)', schema: { type: 'string', format: 'binary' } }) @ApiErrors(400, 401, 403, 404)
  async reportCsv(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<void> {
    await sendFile(reply, await this.reports.exportClass(actor, id, 'csv'), 'text/csv; charset=utf-8');
  }
}

@ApiTags('Attendance: sessions and marks')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('sessions')
export class ClassSessionsController {
  constructor(
    private readonly classes: ClassesService,
    private readonly marks: MarksService,
    private readonly checkin: CheckinService,
    private readonly reports: AttendanceReportsService,
  ) {}

  @Patch(':id')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: SessionResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateSessionDto): Promise<SessionResponseDto> {
    return this.classes.updateSession(actor, id, dto);
  }

  @Post(':id/postpone')
  @HttpCode(200)
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: PostponeResultDto }) @ApiErrors(400, 401, 403, 404, 409)
  postpone(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: PostponeSessionDto): Promise<PostponeResultDto> {
    return this.classes.postpone(actor, id, dto.reason, dto.makeUp);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: SessionResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  cancel(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: CancelSessionDto): Promise<SessionResponseDto> {
    return this.classes.cancel(actor, id, dto.reason);
  }

  @Post(':id/make-up')
  @RequirePermission(Permission.AttendanceManage)
  @ApiCreatedResponse({ type: SessionResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  makeUp(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: CreateSessionDto): Promise<SessionResponseDto> {
    return this.classes.makeUp(actor, id, dto);
  }

  @Get(':id/marks')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: SessionMarksDto }) @ApiErrors(400, 401, 403, 404)
  getMarks(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<SessionMarksDto> {
    return this.marks.sessionMarks(actor, id);
  }

  @Put(':id/marks')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: SaveMarksResultDto, description: 'per-row results: a bad row is reported, the others are saved' }) @ApiErrors(400, 401, 403, 404, 409)
  saveMarks(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: SaveMarksDto, @Req() req: FastifyRequest): Promise<SaveMarksResultDto> {
    return this.marks.save(actor, id, dto, 'trainer', pickLang(req.headers['accept-language']));
  }

  @Put(':id/paper-marks')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: SaveMarksResultDto, description: 'marks typed back from the paper sign-in sheet (source paper)' }) @ApiErrors(400, 401, 403, 404, 409)
  savePaperMarks(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: SaveMarksDto, @Req() req: FastifyRequest): Promise<SaveMarksResultDto> {
    return this.marks.save(actor, id, dto, 'paper', pickLang(req.headers['accept-language']));
  }

  @Get(':id/marks/history')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: MarkHistoryListDto }) @ApiErrors(400, 401, 403, 404)
  history(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: HistoryQueryDto): Promise<MarkHistoryListDto> {
    return this.marks.history(actor, id, q.rosterId);
  }

  @Get(':id/sign-in-sheet.pdf')
  @RequirePermission(Permission.AttendanceManage)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Danh sách ký tên (PDF, A4)', schema: { type: 'string', format: 'binary' } }) @ApiErrors(400, 401, 403, 404)
  async signInSheet(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<void> {
    await sendFile(reply, await this.reports.signInSheet(actor, id), 'application/pdf');
  }

  @Get(':id/check-in-screen')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: CheckInScreenDto }) @ApiErrors(400, 401, 403, 404)
  screen(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<CheckInScreenDto> {
    return this.checkin.screen(actor, id);
  }

  @Get(':id/check-ins')
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: LiveListDto }) @ApiErrors(400, 401, 403, 404)
  live(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: LiveQueryDto): Promise<LiveListDto> {
    return this.checkin.live(actor, id, q.after);
  }
}

@ApiTags('Attendance: check-in and reports')
@Controller()
export class AttendanceController {
  constructor(
    private readonly classes: ClassesService,
    private readonly reports: AttendanceReportsService,
    private readonly checkin: CheckinService,
    private readonly auth: AuthService,
  ) {}

  /** Public routes still recognise a signed-in caller (cookie or bearer token). */
  private async optionalActor(req: RequestWithActor): Promise<Actor | null> {
    const token = tokenFrom(req);
    return token ? this.auth.authenticate(token, { ip: req.ip ?? null, requestId: String(req.id) }) : null;
  }

  @Post('check-in/resolve')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: ResolveResultDto }) @ApiErrors(400, 403, 409, 410, 429)
  async resolve(@Body() dto: ResolveCheckInDto, @Req() req: RequestWithActor): Promise<ResolveResultDto> {
    return this.checkin.resolve(await this.optionalActor(req), dto, req.ip ?? 'unknown');
  }

  @Post('check-in')
  @Public()
  @ApiCreatedResponse({ type: CheckInResultDto }) @ApiErrors(400, 403, 409, 410, 429)
  async checkIn(@Body() dto: CheckInDto, @Req() req: RequestWithActor): Promise<CheckInResultDto> {
    return this.checkin.checkIn(await this.optionalActor(req), dto, req.ip ?? 'unknown', String(req.id));
  }

  @Get('residents')
  @ApiCookieAuth() @ApiBearerAuth()
  @RequirePermission(Permission.AttendanceManage)
  @ApiPage(ResidentDto) @ApiErrors(400, 401, 403)
  residents(@CurrentActor() actor: Actor, @Query() q: ResidentsQueryDto): Promise<Page<ResidentDto>> {
    return this.classes.residents(actor, q);
  }

  @Get('attendance/staff/:id')
  @ApiCookieAuth() @ApiBearerAuth()
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: PersonReportDto }) @ApiErrors(400, 401, 403, 404)
  staff(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: YearQueryDto): Promise<PersonReportDto> {
    return this.reports.staffReport(actor, id, q.year);
  }

  @Get('attendance/residents/:id')
  @ApiCookieAuth() @ApiBearerAuth()
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: PersonReportDto }) @ApiErrors(400, 401, 403, 404)
  resident(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: YearQueryDto): Promise<PersonReportDto> {
    return this.reports.residentReport(actor, id, q.year);
  }

  @Get('attendance/units/:id')
  @ApiCookieAuth() @ApiBearerAuth()
  @RequirePermission(Permission.AttendanceManage)
  @ApiOkResponse({ type: UnitReportDto }) @ApiErrors(400, 401, 403, 404)
  unit(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: YearQueryDto): Promise<UnitReportDto> {
    return this.reports.unitReport(actor, id, q.year);
  }

  @Get('attendance/units/:id/report.xlsx')
  @ApiCookieAuth() @ApiBearerAuth()
  @RequirePermission(Permission.AttendanceManage)
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'Tổng hợp theo đơn vị (XLSX)', schema: { type: 'string', format: 'binary' } }) @ApiErrors(400, 401, 403, 404)
  async unitXlsx(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: YearQueryDto, @Res() reply: FastifyReply): Promise<void> {
    await sendFile(reply, await this.reports.exportUnit(actor, id, q.year, 'xlsx'), XLSX);
  }

  @Get('attendance/units/:id/report.csv')
  @ApiCookieAuth() @ApiBearerAuth()
  @RequirePermission(Permission.AttendanceManage)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Tổng hợp theo đơn vị (CSV, UTF-8 có BOM)', schema: { type: 'string', format: 'binary' } }) @ApiErrors(400, 401, 403, 404)
  async unitCsv(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: YearQueryDto, @Res() reply: FastifyReply): Promise<void> {
    await sendFile(reply, await this.reports.exportUnit(actor, id, q.year, 'csv'), 'text/csv; charset=utf-8');
  }
}
