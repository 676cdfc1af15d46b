CREATE TABLE `objective_update_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`update_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`reason` text,
	`content` text NOT NULL,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`update_id`) REFERENCES `objective_updates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "objective_update_events_action_check" CHECK("objective_update_events"."action" IN ('save','submit','validate','return','revise','value_revised'))
);
--> statement-breakpoint
CREATE INDEX `objective_update_events_update_idx` ON `objective_update_events` (`update_id`,`id`);--> statement-breakpoint
CREATE TABLE `objective_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_period_id` integer NOT NULL,
	`objective_id` integer NOT NULL,
	`state` text NOT NULL,
	`confidence` text,
	`progress` text,
	`difficulties` text,
	`next_steps` text,
	`decisions_needed` text,
	`data_note` text,
	`return_reason` text,
	`version` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	`submitted_by` integer,
	`submitted_at` text,
	`validated_by` integer,
	`validated_at` text,
	`revised_after_validation_at` text,
	FOREIGN KEY (`review_period_id`) REFERENCES `review_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`validated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "objective_updates_state_check" CHECK("objective_updates"."state" IN ('draft','submitted','validated','returned')),
	CONSTRAINT "objective_updates_confidence_check" CHECK("objective_updates"."confidence" IS NULL OR "objective_updates"."confidence" IN ('secured','watch','difficulties','compromised'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objective_updates_period_objective_uq` ON `objective_updates` (`review_period_id`,`objective_id`);--> statement-breakpoint
CREATE INDEX `objective_updates_objective_idx` ON `objective_updates` (`objective_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`template` text NOT NULL,
	`user_id` integer,
	`to_address` text NOT NULL,
	`lang` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`claimed_until` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	`message_id` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_state_check" CHECK("outbox"."state" IN ('pending','sending','sent','failed')),
	CONSTRAINT "outbox_lang_check" CHECK("outbox"."lang" IN ('fr','en'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_unique` ON `outbox` (`key`);--> statement-breakpoint
CREATE INDEX `outbox_state_next_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_user_idx` ON `outbox` (`user_id`);--> statement-breakpoint
CREATE TABLE `review_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period` text NOT NULL,
	`granularity` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`opens_on` text NOT NULL,
	`deadline` text NOT NULL,
	`state` text NOT NULL,
	`opened_at` text NOT NULL,
	`opened_by` integer,
	`closed_at` text,
	`closed_by` integer,
	`missing_at_closing` text,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "review_periods_state_check" CHECK("review_periods"."state" IN ('open','closed')),
	CONSTRAINT "review_periods_granularity_check" CHECK("review_periods"."granularity" IN ('month','quarter','half','year')),
	CONSTRAINT "review_periods_closed_check" CHECK(("review_periods"."state" = 'closed') = ("review_periods"."closed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_periods_period_unique` ON `review_periods` (`period`);--> statement-breakpoint
CREATE TABLE `review_publications` (
	`review_period_id` integer PRIMARY KEY NOT NULL,
	`published_at` text NOT NULL,
	`snapshot` text NOT NULL,
	`snapshot_hash` text NOT NULL,
	`report_ids` text NOT NULL,
	FOREIGN KEY (`review_period_id`) REFERENCES `review_periods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `update_contributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_period_id` integer NOT NULL,
	`objective_id` integer NOT NULL,
	`body_id` integer NOT NULL,
	`text` text NOT NULL,
	`author_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`review_period_id`) REFERENCES `review_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `update_contributions_period_objective_idx` ON `update_contributions` (`review_period_id`,`objective_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`scope` text,
	`period` text NOT NULL,
	`as_of` text NOT NULL,
	`format` text NOT NULL,
	`lang` text NOT NULL,
	`trigger` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`data_hash` text NOT NULL,
	`file_hash` text NOT NULL,
	`byte_size` integer NOT NULL,
	`content` blob NOT NULL,
	`statuses` text NOT NULL,
	`script_hashes` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reports_kind_check" CHECK("__new_reports"."kind" IN ('roadmap','focus_area','body','objective')),
	CONSTRAINT "reports_format_check" CHECK("__new_reports"."format" IN ('html','pdf')),
	CONSTRAINT "reports_lang_check" CHECK("__new_reports"."lang" IN ('fr','en')),
	CONSTRAINT "reports_trigger_check" CHECK("__new_reports"."trigger" IN ('manual','schedule','cli','closing'))
);
--> statement-breakpoint
INSERT INTO `__new_reports`("id", "kind", "scope", "period", "as_of", "format", "lang", "trigger", "created_at", "created_by", "data_hash", "file_hash", "byte_size", "content", "statuses", "script_hashes") SELECT "id", "kind", "scope", "period", "as_of", "format", "lang", "trigger", "created_at", "created_by", "data_hash", "file_hash", "byte_size", "content", "statuses", "script_hashes" FROM `reports`;--> statement-breakpoint
DROP TABLE `reports`;--> statement-breakpoint
ALTER TABLE `__new_reports` RENAME TO `reports`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `reports_kind_scope_as_of_idx` ON `reports` (`kind`,`scope`,`as_of`);--> statement-breakpoint
CREATE INDEX `reports_created_at_idx` ON `reports` (`created_at`);--> statement-breakpoint
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
	CONSTRAINT "users_role_check" CHECK("__new_users"."role" IN ('admin','validator','editor','viewer')),
	CONSTRAINT "users_lang_check" CHECK("__new_users"."lang" IN ('fr','en'))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "email", "name", "password_hash", "role", "created_at", "disabled_at") SELECT "id", "email", "name", "password_hash", "role", "created_at", "disabled_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);