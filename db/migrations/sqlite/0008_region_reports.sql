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
	CONSTRAINT "reports_kind_check" CHECK("__new_reports"."kind" IN ('roadmap','focus_area','body','objective','region')),
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
CREATE INDEX `reports_created_at_idx` ON `reports` (`created_at`);