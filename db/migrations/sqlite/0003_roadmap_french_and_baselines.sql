ALTER TABLE `focus_areas` ADD `title_fr` text;--> statement-breakpoint
ALTER TABLE `focus_areas` ADD `subtitle_fr` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `name_fr` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `baseline_value` real;--> statement-breakpoint
ALTER TABLE `indicators` ADD `baseline_date` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `baseline_source` text;--> statement-breakpoint
ALTER TABLE `milestones` ADD `title_fr` text;--> statement-breakpoint
ALTER TABLE `milestones` ADD `due_fr` text;--> statement-breakpoint
ALTER TABLE `milestones` ADD `source_text_fr` text;--> statement-breakpoint
ALTER TABLE `objectives` ADD `title_fr` text;--> statement-breakpoint
ALTER TABLE `objectives` ADD `description_fr` text;--> statement-breakpoint
ALTER TABLE `objectives` ADD `summary_fr` text;--> statement-breakpoint
ALTER TABLE `priorities` ADD `title_fr` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `value_text_fr` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `due_fr` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `source_text_fr` text;