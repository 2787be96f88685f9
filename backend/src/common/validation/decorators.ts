import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean, IsIn, IsInt, IsOptional, IsString, isUUID, Max, MaxLength, Min, MinLength,
  registerDecorator, ValidateIf, ValidationOptions,
} from 'class-validator';
import { isValidEmail, nfc, normalizePhone } from '../text/vietnamese';

/** Rejects C0/C1 control characters (except none) in free text. */
export function NoControlChars(options?: ValidationOptions) {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'noControlChars', target: object.constructor, propertyName: propertyName as string, options,
      validator: { validate: (v: unknown) => typeof v !== 'string' || !/[\u0000-\u001f\u007f-\u009f]/.test(v) },
    });
}

export function IsVnEmail(options?: ValidationOptions) {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isEmail', target: object.constructor, propertyName: propertyName as string, options,
      validator: { validate: (v: unknown) => typeof v === 'string' && isValidEmail(v) },
    });
}

export function IsVnMobile(options?: ValidationOptions) {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isVnMobile', target: object.constructor, propertyName: propertyName as string, options,
      validator: { validate: (v: unknown) => typeof v === 'string' && normalizePhone(v).ok },
    });
}

type TextOpts = { max: number; min?: number; required?: boolean; nullable?: boolean; example?: string; description?: string };

/** A trimmed, NFC text field (NFC is applied to every request at the boundary). */
export function Text(opts: TextOpts) {
  const api = opts.required
    ? ApiProperty({ type: String, maxLength: opts.max, minLength: opts.min, example: opts.example, description: opts.description })
    : ApiPropertyOptional({ type: String, maxLength: opts.max, nullable: opts.nullable, example: opts.example, description: opts.description });
  const decorators: PropertyDecorator[] = [
    api,
    Transform(({ value }) => (typeof value === 'string' ? nfc(value) : value)),
    IsString(),
    NoControlChars(),
    MaxLength(opts.max),
  ];
  if (opts.min) decorators.push(MinLength(opts.min));
  if (!opts.required) decorators.unshift(opts.nullable ? ValidateIf((_, v) => v !== null && v !== undefined) : IsOptional());
  return applyDecorators(...decorators);
}

export function Enum<T extends string>(values: readonly T[], opts: { required?: boolean; nullable?: boolean; description?: string } = {}) {
  const api = opts.required
    ? ApiProperty({ enum: values, description: opts.description })
    : ApiPropertyOptional({ enum: values, nullable: opts.nullable, description: opts.description });
  const decorators = [api, IsIn(values as unknown as T[], { context: { values: values.join(', ') } })];
  if (!opts.required) decorators.unshift(opts.nullable ? ValidateIf((_, v) => v !== null && v !== undefined) : IsOptional());
  return applyDecorators(...decorators);
}

export function Uuid(opts: { required?: boolean; nullable?: boolean; description?: string } = {}) {
  const api = opts.required
    ? ApiProperty({ type: String, format: 'uuid', description: opts.description })
    : ApiPropertyOptional({ type: String, format: 'uuid', nullable: opts.nullable, description: opts.description });
  const decorators = [
    api,
    (object: object, propertyName: string | symbol) =>
      registerDecorator({ name: 'isUuid', target: object.constructor, propertyName: propertyName as string, validator: { validate: (v: unknown) => isUUID(v) } }),
  ] as PropertyDecorator[];
  if (!opts.required) decorators.unshift(opts.nullable ? ValidateIf((_, v) => v !== null && v !== undefined) : IsOptional());
  return applyDecorators(...decorators);
}

export function Bool(opts: { required?: boolean; query?: boolean } = {}) {
  const decorators = [
    opts.required ? ApiProperty({ type: Boolean }) : ApiPropertyOptional({ type: Boolean }),
    IsBoolean(),
  ];
  if (opts.query) decorators.unshift(Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)));
  if (!opts.required) decorators.unshift(IsOptional());
  return applyDecorators(...decorators);
}

export function Int(opts: { min: number; max: number; required?: boolean; nullable?: boolean; query?: boolean; default?: number; description?: string }) {
  const decorators = [
    opts.required
      ? ApiProperty({ type: Number, minimum: opts.min, maximum: opts.max, description: opts.description })
      : ApiPropertyOptional({ type: Number, minimum: opts.min, maximum: opts.max, nullable: opts.nullable, default: opts.default, description: opts.description }),
    IsInt(),
    Min(opts.min),
    Max(opts.max),
  ];
  if (opts.query) decorators.unshift(Type(() => Number));
  if (!opts.required) decorators.unshift(opts.nullable ? ValidateIf((_, v) => v !== null && v !== undefined) : IsOptional());
  return applyDecorators(...decorators);
}

/** A calendar date 'YYYY-MM-DD' that really exists. */
export function IsoDate(opts: { required?: boolean; nullable?: boolean; description?: string } = {}) {
  const valid = (v: unknown) => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  };
  const decorators = [
    opts.required
      ? ApiProperty({ type: String, format: 'date', example: '2026-06-15', description: opts.description })
      : ApiPropertyOptional({ type: String, format: 'date', nullable: opts.nullable, example: '2026-06-15', description: opts.description }),
    (object: object, propertyName: string | symbol) =>
      registerDecorator({ name: 'isIsoDate', target: object.constructor, propertyName: propertyName as string, validator: { validate: valid } }),
  ];
  if (!opts.required) decorators.unshift(opts.nullable ? ValidateIf((_, v) => v !== null && v !== undefined) : IsOptional());
  return applyDecorators(...(decorators as PropertyDecorator[]));
}

export const USERNAME_RE = /^[a-z0-9._-]{3,64}$/;
export function Username() {
  return applyDecorators(
    ApiProperty({ type: String, pattern: USERNAME_RE.source, example: 'nguyenvana' }),
    ((object: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isUsername', target: object.constructor, propertyName: propertyName as string,
        validator: { validate: (v: unknown) => typeof v === 'string' && USERNAME_RE.test(v) },
      })) as PropertyDecorator,
  );
}
