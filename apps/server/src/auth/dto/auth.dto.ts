import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ReportedWithServiceRules } from '../../common/validation';

export class LoginDto {
  @ApiProperty({ example: 'admin@feuille-de-route.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256)
  password: string;

  @ApiPropertyOptional({ example: '123456', description: 'The 6-digit code of your second factor (TOTP), when your account has one' })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  otp?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'prenom.nom@sante.gouv.fr', description: 'The address of the account' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The `jeton` of the link received by mail' })
  @IsString()
  @Length(1, 100)
  token: string;

  @ApiProperty({ minLength: 12, description: 'The new password' })
  @IsString()
  @Length(12, 256)
  password: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'CNAM nightly feed', description: 'What the token is for' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ example: 90, description: 'Days until the token expires (default 90, at most API_TOKEN_MAX_DAYS)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

@ReportedWithServiceRules()
export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ minLength: 12 }) @IsString() @Length(12, 256) password: string;
  @ApiProperty({ enum: ['admin', 'validator', 'editor', 'viewer'] }) @IsIn(['admin', 'validator', 'editor', 'viewer']) role:
    'admin' | 'validator' | 'editor' | 'viewer';
  @ApiPropertyOptional({ type: [String], example: ['CNAM'], description: 'Bodies an editor records for' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  bodies?: string[];
  @ApiPropertyOptional({ enum: ['fr', 'en'], description: 'Language of the mails the person receives (default fr)' }) @IsOptional() @IsIn(['fr', 'en']) lang?:
    'fr' | 'en';
  @ApiPropertyOptional({
    example: 'region:84',
    description: "An editor's territory (an ARS: its region), `region:<code>` or `departement:<code>`; absent: national",
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  territory?: string;
}

@ReportedWithServiceRules()
export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ minLength: 12 }) @IsOptional() @IsString() @Length(12, 256) password?: string;
  @ApiPropertyOptional({ enum: ['admin', 'validator', 'editor', 'viewer'] }) @IsOptional() @IsIn(['admin', 'validator', 'editor', 'viewer']) role?:
    'admin' | 'validator' | 'editor' | 'viewer';
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayUnique() @IsString({ each: true }) bodies?: string[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'region:84',
    description: "An editor's territory (an ARS: its region), `region:<code>` or `departement:<code>`; null makes the editor national again",
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  territory?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disabled?: boolean;
  @ApiPropertyOptional({ enum: ['fr', 'en'] }) @IsOptional() @IsIn(['fr', 'en']) lang?: 'fr' | 'en';
  @ApiPropertyOptional({ description: 'Review reminders and weekly digest' }) @IsOptional() @IsBoolean() remindersEnabled?: boolean;
}

/** One's own mail settings. */
@ReportedWithServiceRules()
export class MailSettingsDto {
  @ApiPropertyOptional({ enum: ['fr', 'en'], description: 'Language of the mails you receive' }) @IsOptional() @IsIn(['fr', 'en']) lang?: 'fr' | 'en';
  @ApiPropertyOptional({ description: 'Receive review reminders and the weekly digest (workflow notices are always sent)' })
  @IsOptional()
  @IsBoolean()
  remindersEnabled?: boolean;
}
