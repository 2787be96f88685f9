import { ValidationPipe } from '@nestjs/common';
import { ValidationFailed } from '../errors/http-exception.filter';

/** Global validation: strip and reject unknown fields, transform to DTO types, answer a field map. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: true,
    exceptionFactory: (errors) => new ValidationFailed(errors),
  });
}
