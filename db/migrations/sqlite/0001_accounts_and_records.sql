CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `auth_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`last_used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "auth_tokens_kind_check" CHECK("auth_tokens"."kind" IN ('session','api','web'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `auth_tokens_token_hash_unique` ON `auth_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `auth_tokens_user_idx` ON `auth_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`sha256` text NOT NULL,
	`row_count` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `indicator_baselines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`value` real NOT NULL,
	`baseline_date` text NOT NULL,
	`source` text,
	`comment` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_baselines_indicator_idx` ON `indicator_baselines` (`indicator_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `measurements` (
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
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supersedes_id`) REFERENCES `measurements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "measurements_observed_at_check" CHECK("measurements"."observed_at" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "measurements_correction_check" CHECK(("measurements"."supersedes_id" IS NULL) = ("measurements"."correction_reason" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `measurements_indicator_observed_idx` ON `measurements` (`indicator_id`,`observed_at`,`recorded_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `measurements_supersedes_uq` ON `measurements` (`supersedes_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `measurements_current_uq` ON `measurements` (`indicator_id`,`observed_at`) WHERE "measurements"."superseded_at" IS NULL;--> statement-breakpoint
CREATE TABLE `milestone_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`milestone_id` integer NOT NULL,
	`state` text NOT NULL,
	`completed_on` text,
	`evidence` text,
	`comment` text,
	`recorded_by` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "milestone_updates_state_check" CHECK("milestone_updates"."state" IN ('not_started','in_progress','done')),
	CONSTRAINT "milestone_updates_done_check" CHECK(("milestone_updates"."state" = 'done') = ("milestone_updates"."completed_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `milestone_updates_milestone_idx` ON `milestone_updates` (`milestone_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `user_bodies` (
	`user_id` integer NOT NULL,
	`body_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `body_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	`disabled_at` text,
	CONSTRAINT "users_role_check" CHECK("users"."role" IN ('admin','editor','viewer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);