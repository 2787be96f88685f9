import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import { CreateStaffDto, ListStaffQueryDto, StaffHistoryResponseDto, StaffResponseDto, UpdateStaffDto } from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('Staff')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @RequirePermission(Permission.StaffRead)
  @ApiPage(StaffResponseDto) @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() q: ListStaffQueryDto): Promise<Page<StaffResponseDto>> {
    return this.staff.list(actor, q);
  }

  @Post()
  @RequirePermission(Permission.StaffManage)
  @ApiCreatedResponse({ type: StaffResponseDto }) @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStaffDto): Promise<StaffResponseDto> {
    return this.staff.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.StaffRead)
  @ApiOkResponse({ type: StaffResponseDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<StaffResponseDto> {
    return this.staff.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.StaffManage)
  @ApiOkResponse({ type: StaffResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateStaffDto): Promise<StaffResponseDto> {
    return this.staff.update(actor, id, dto);
  }

  @Get(':id/history')
  @RequirePermission(Permission.StaffRead)
  @ApiOkResponse({ type: StaffHistoryResponseDto }) @ApiErrors(400, 401, 403, 404)
  history(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<StaffHistoryResponseDto> {
    return this.staff.history(actor, id);
  }
}
