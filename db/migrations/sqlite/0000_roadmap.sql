CREATE TABLE `bodies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`acronym` text NOT NULL,
	`name` text NOT NULL,
	`english_name` text NOT NULL,
	`in_glossary` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bodies_acronym_unique` ON `bodies` (`acronym`);--> statement-breakpoint
CREATE TABLE `focus_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`subtitle` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `focus_areas_number_unique` ON `focus_areas` (`number`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`objective_id` integer NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`frequency` text NOT NULL,
	`method` text NOT NULL,
	`retired_at` text,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "indicators_direction_check" CHECK("indicators"."direction" IN ('increase','decrease')),
	CONSTRAINT "indicators_frequency_check" CHECK("indicators"."frequency" IN ('monthly','quarterly','yearly')),
	CONSTRAINT "indicators_method_check" CHECK("indicators"."method" IN ('linear','cagr'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_objective_key_uq` ON `indicators` (`objective_id`,`key`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`objective_id` integer NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`due` text NOT NULL,
	`due_date` text NOT NULL,
	`source_text` text NOT NULL,
	`retired_at` text,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "milestones_due_date_check" CHECK("milestones"."due_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `milestones_objective_key_uq` ON `milestones` (`objective_id`,`key`);--> statement-breakpoint
CREATE TABLE `objective_contributors` (
	`objective_id` integer NOT NULL,
	`body_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`objective_id`, `body_id`),
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `objective_contributors_body_idx` ON `objective_contributors` (`body_id`);--> statement-breakpoint
CREATE TABLE `objectives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`priority_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`kind` text,
	`description` text,
	`summary` text NOT NULL,
	`lead_body_id` integer NOT NULL,
	`retired_at` text,
	FOREIGN KEY (`priority_id`) REFERENCES `priorities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "objectives_kind_check" CHECK("objectives"."kind" IS NULL OR "objectives"."kind" IN ('CONTINUATION','DEVELOPMENT'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objectives_code_unique` ON `objectives` (`code`);--> statement-breakpoint
CREATE INDEX `objectives_priority_idx` ON `objectives` (`priority_id`);--> statement-breakpoint
CREATE TABLE `priorities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`focus_area_id` integer NOT NULL,
	`title` text NOT NULL,
	FOREIGN KEY (`focus_area_id`) REFERENCES `focus_areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `priorities_number_unique` ON `priorities` (`number`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`position` integer NOT NULL,
	`value` real NOT NULL,
	`exclusive` integer NOT NULL,
	`value_text` text NOT NULL,
	`due` text NOT NULL,
	`due_date` text NOT NULL,
	`source_text` text NOT NULL,
	`retired_at` text,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "targets_due_date_check" CHECK("targets"."due_date" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_indicator_position_uq` ON `targets` (`indicator_id`,`position`);