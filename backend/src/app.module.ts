import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgAccessService } from './common/access/org-access.service';
import { AuthGuard } from './common/auth/auth.guard';
import { AllExceptionsFilter } from './common/errors/http-exception.filter';
import { APP_CONFIG, AppConfig } from './config/env';
import { dataSourceOptions } from './database/options';
import { AuditController } from './modules/audit/audit.controller';
import { AuditService } from './modules/audit/audit.service';
import { AuthController } from './modules/auth/auth.controller';
import { AuthService } from './modules/auth/auth.service';
import { CoursesController, EnrolmentsController, LearningController } from './modules/courses/courses.controller';
import { CoursesService } from './modules/courses/courses.service';
import { EnrolmentsService } from './modules/courses/enrolments.service';
import { LearningService } from './modules/courses/learning.service';
import { HealthController } from './modules/health/health.controller';
import { OrgUnitsController } from './modules/org-units/org-units.controller';
import { OrgUnitsService } from './modules/org-units/org-units.service';
import { StaffImportsController } from './modules/staff/import/staff-imports.controller';
import { StaffImportsService } from './modules/staff/import/staff-imports.service';
import { StaffController } from './modules/staff/staff.controller';
import { StaffService } from './modules/staff/staff.service';
import { UsersController } from './modules/users/users.controller';
import { UsersService } from './modules/users/users.service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl))],
      controllers: [
        HealthController, AuthController, UsersController, OrgUnitsController,
        // imports before staff so that /staff/imports/* is not read as /staff/:id
        StaffImportsController, StaffController, AuditController,
        CoursesController, EnrolmentsController, LearningController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        AuditService, OrgAccessService, AuthService, UsersService, OrgUnitsService, StaffService, StaffImportsService,
        CoursesService, EnrolmentsService, LearningService,
      ],
    };
  }
}
