-- Hand-edited after drizzle-kit: the rebuilt tables copy only the columns the old ones have (the new ones start NULL).
CREATE TABLE `territorial_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`territory_level` text NOT NULL,
	`territory_code` text NOT NULL,
	`value` real NOT NULL,
	`due_date` text NOT NULL,
	`source` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "territorial_targets_level_check" CHECK("territorial_targets"."territory_level" IN ('region','departement')),
	CONSTRAINT "territorial_targets_due_date_check" CHECK("territorial_targets"."due_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `territorial_targets_lookup_idx` ON `territorial_targets` (`indicator_id`,`territory_level`,`territory_code`,`due_date`,`recorded_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_measurements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`value` real NOT NULL,
	`observed_at` text NOT NULL,
	`source` text NOT NULL,
	`comment` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	`supersedes_id` integer,
	`correction_reason` text,
	`superseded_at` text,
	`import_id` integer,
	`territory_level` text,
	`territory_code` text,
	`denominator` real,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supersedes_id`) REFERENCES `measurements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "measurements_territory_check" CHECK(("__new_measurements"."territory_level" IS NULL) = ("__new_measurements"."territory_code" IS NULL) AND ("__new_measurements"."territory_level" IS NULL OR "__new_measurements"."territory_level" IN ('region','departement'))),
	CONSTRAINT "measurements_denominator_check" CHECK("__new_measurements"."denominator" IS NULL OR ("__new_measurements"."territory_level" IS NOT NULL AND "__new_measurements"."denominator" > 0)),
	CONSTRAINT "measurements_observed_at_check" CHECK("__new_measurements"."observed_at" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "measurements_correction_check" CHECK(("__new_measurements"."supersedes_id" IS NULL) = ("__new_measurements"."correction_reason" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_measurements`("id", "indicator_id", "value", "observed_at", "source", "comment", "recorded_by", "recorded_at", "supersedes_id", "correction_reason", "superseded_at", "import_id") SELECT "id", "indicator_id", "value", "observed_at", "source", "comment", "recorded_by", "recorded_at", "supersedes_id", "correction_reason", "superseded_at", "import_id" FROM `measurements`;--> statement-breakpoint
DROP TABLE `measurements`;--> statement-breakpoint
ALTER TABLE `__new_measurements` RENAME TO `measurements`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `measurements_national_observed_idx` ON `measurements` (`indicator_id`,`observed_at`,`recorded_at`) WHERE "measurements"."territory_level" IS NULL;--> statement-breakpoint
CREATE INDEX `measurements_territory_observed_idx` ON `measurements` (`indicator_id`,`territory_level`,`territory_code`,`observed_at`,`recorded_at`) WHERE "measurements"."territory_level" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `measurements_recorded_at_idx` ON `measurements` (`recorded_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `measurements_supersedes_uq` ON `measurements` (`supersedes_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `measurements_current_uq` ON `measurements` (`indicator_id`,`observed_at`) WHERE "measurements"."superseded_at" IS NULL AND "measurements"."territory_level" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `measurements_territory_current_uq` ON `measurements` (`indicator_id`,`territory_level`,`territory_code`,`observed_at`) WHERE "measurements"."superseded_at" IS NULL AND "measurements"."territory_level" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`objective_id` integer NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`frequency` text NOT NULL,
	`method` text NOT NULL,
	`name_fr` text,
	`baseline_value` real,
	`baseline_date` text,
	`baseline_source` text,
	`territorial_levels` text,
	`national_rule` text,
	`denominator_name` text,
	`denominator_name_fr` text,
	`retired_at` text,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "indicators_national_rule_check" CHECK("__new_indicators"."national_rule" IS NULL OR "__new_indicators"."national_rule" IN ('sum','weighted_mean','national_only')),
	CONSTRAINT "indicators_territorial_check" CHECK(("__new_indicators"."territorial_levels" IS NULL) = ("__new_indicators"."national_rule" IS NULL)),
	CONSTRAINT "indicators_direction_check" CHECK("__new_indicators"."direction" IN ('increase','decrease')),
	CONSTRAINT "indicators_frequency_check" CHECK("__new_indicators"."frequency" IN ('monthly','quarterly','yearly')),
	CONSTRAINT "indicators_method_check" CHECK("__new_indicators"."method" IN ('linear','cagr'))
);
--> statement-breakpoint
INSERT INTO `__new_indicators`("id", "objective_id", "key", "position", "name", "unit", "direction", "frequency", "method", "name_fr", "baseline_value", "baseline_date", "baseline_source", "retired_at") SELECT "id", "objective_id", "key", "position", "name", "unit", "direction", "frequency", "method", "name_fr", "baseline_value", "baseline_date", "baseline_source", "retired_at" FROM `indicators`;--> statement-breakpoint
DROP TABLE `indicators`;--> statement-breakpoint
ALTER TABLE `__new_indicators` RENAME TO `indicators`;--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_objective_key_uq` ON `indicators` (`objective_id`,`key`);--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	`disabled_at` text,
	`lang` text DEFAULT 'fr' NOT NULL,
	`reminders_enabled` integer DEFAULT true NOT NULL,
	`totp_secret` text,
	`totp_enabled_at` text,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`oidc_subject` text,
	`last_sign_in_at` text,
	`scope_level` text,
	`scope_code` text,
	CONSTRAINT "users_role_check" CHECK("__new_users"."role" IN ('admin','validator','editor','viewer')),
	CONSTRAINT "users_lang_check" CHECK("__new_users"."lang" IN ('fr','en')),
	CONSTRAINT "users_scope_check" CHECK(("__new_users"."scope_level" IS NULL) = ("__new_users"."scope_code" IS NULL) AND ("__new_users"."scope_level" IS NULL OR "__new_users"."scope_level" IN ('region','departement')))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "email", "name", "password_hash", "role", "created_at", "disabled_at", "lang", "reminders_enabled", "totp_secret", "totp_enabled_at", "failed_logins", "locked_until", "oidc_subject", "last_sign_in_at") SELECT "id", "email", "name", "password_hash", "role", "created_at", "disabled_at", "lang", "reminders_enabled", "totp_secret", "totp_enabled_at", "failed_logins", "locked_until", "oidc_subject", "last_sign_in_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_oidc_subject_unique` ON `users` (`oidc_subject`);