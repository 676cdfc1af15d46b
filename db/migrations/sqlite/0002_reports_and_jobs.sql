CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`run_key` text NOT NULL,
	`attempt` integer NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`error` text,
	`detail` text,
	CONSTRAINT "job_runs_status_check" CHECK("job_runs"."status" IN ('running','succeeded','failed'))
);
--> statement-breakpoint
CREATE INDEX `job_runs_job_key_idx` ON `job_runs` (`job`,`run_key`);--> statement-breakpoint
CREATE TABLE `reports` (
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
	CONSTRAINT "reports_kind_check" CHECK("reports"."kind" IN ('roadmap','focus_area','body','objective')),
	CONSTRAINT "reports_format_check" CHECK("reports"."format" IN ('html','pdf')),
	CONSTRAINT "reports_lang_check" CHECK("reports"."lang" IN ('fr','en')),
	CONSTRAINT "reports_trigger_check" CHECK("reports"."trigger" IN ('manual','schedule','cli'))
);
--> statement-breakpoint
CREATE INDEX `reports_kind_scope_as_of_idx` ON `reports` (`kind`,`scope`,`as_of`);--> statement-breakpoint
CREATE INDEX `reports_created_at_idx` ON `reports` (`created_at`);--> statement-breakpoint
CREATE INDEX `measurements_recorded_at_idx` ON `measurements` (`recorded_at`);--> statement-breakpoint
CREATE INDEX `milestone_updates_recorded_at_idx` ON `milestone_updates` (`recorded_at`);