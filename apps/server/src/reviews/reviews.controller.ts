import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Principal } from '@app/accounts';
import { earlierProblems } from '@app/common';
import type { Lang } from '@app/presentation';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';
import { RequestLang } from '../common/request-lang';
import { AddContributionDto, ChangeReviewDto, OpenReviewDto, ReturnUpdateDto, SaveUpdateDto } from './dto/review-requests.dto';
import { ContributionDto, ObjectiveReviewHistoryItemDto, ObjectiveUpdateDto, ReviewPeriodDetailDto, ReviewPeriodDto } from './dto/review-responses.dto';
import { ReviewsService } from './reviews.service';

const PERIOD = { name: 'period', example: '2026-Q4', description: 'The review period: 2026-11, 2026-Q4, 2026-H2 or 2026' };
const CODE = { name: 'code', example: '1-1', description: 'The objective' };

/** The quarterly review: periods, and each objective's update through draft, submission and validation. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/reviews`)
export class ReviewsController {
  constructor(private readonly service: ReviewsService) {}

  @Get()
  @ApiOperation({ summary: 'List the review periods, newest first' })
  @ApiOkResponse({ type: [ReviewPeriodDto] })
  list(): Promise<ReviewPeriodDto[]> {
    return this.service.listPeriods();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Open a review period (admins; the scheduler opens each one on its own)' })
  @ApiCreatedResponse({ type: ReviewPeriodDto })
  @ApiBadRequestResponse({ description: 'Not a period, not started yet, or a deadline before its end or already past' })
  @ApiConflictResponse({ description: 'review.period_already_open, review.period_already_closed' })
  open(@CurrentPrincipal() me: Principal, @Body() body: OpenReviewDto): Promise<ReviewPeriodDto> {
    return this.service.openPeriod(body, me, earlierProblems(body));
  }

  @Get('objectives/:code')
  @ApiParam(CODE)
  @ApiOperation({ summary: "An objective's updates across the review periods, latest first (its commentary history)" })
  @ApiOkResponse({ type: [ObjectiveReviewHistoryItemDto] })
  @ApiNotFoundResponse({ description: 'No objective has this code' })
  objectiveHistory(@Param('code') code: string): Promise<ObjectiveReviewHistoryItemDto[]> {
    return this.service.objectiveHistory(code);
  }

  @Get(':period')
  @ApiParam(PERIOD)
  @ApiOperation({ summary: "A review period: every objective's update state, and each lead body's completeness" })
  @ApiOkResponse({ type: ReviewPeriodDetailDto })
  @ApiNotFoundResponse({ description: 'No review for this period' })
  period(@Param('period') period: string, @RequestLang() lang: Lang): Promise<ReviewPeriodDetailDto> {
    return this.service.getPeriod(period, lang);
  }

  @Patch(':period')
  @Roles('admin')
  @ApiParam(PERIOD)
  @ApiOperation({ summary: "Move an open period's collection deadline (admins)" })
  @ApiOkResponse({ type: ReviewPeriodDto })
  @ApiBadRequestResponse({ description: 'Not a date, before the end of the period, or already past' })
  @ApiConflictResponse({ description: 'review.period_closed' })
  change(@CurrentPrincipal() me: Principal, @Param('period') period: string, @Body() body: ChangeReviewDto): Promise<ReviewPeriodDto> {
    return this.service.changeDeadline(period, body, me, earlierProblems(body));
  }

  @Get(':period/objectives/:code')
  @ApiParam(PERIOD)
  @ApiParam(CODE)
  @ApiOperation({ summary: "An objective's update for the period: content, state, history, contributions and the records that belong to it" })
  @ApiOkResponse({ type: ObjectiveUpdateDto })
  update(@Param('period') period: string, @Param('code') code: string, @RequestLang() lang: Lang): Promise<ObjectiveUpdateDto> {
    return this.service.getUpdate(period, code, lang);
  }

  @Put(':period/objectives/:code')
  @Roles('admin', 'editor')
  @ApiParam(PERIOD)
  @ApiParam(CODE)
  @ApiOperation({ summary: 'Save the update as a draft (editors of the lead body); a validated update needs a reason' })
  @ApiOkResponse({ type: ObjectiveUpdateDto })
  @ApiForbiddenResponse({ description: 'Not an editor of the lead body' })
  @ApiConflictResponse({ description: 'review.stale_version, review.locked_needs_reason, review.submitted_not_editable, review.period_closed' })
  save(
    @CurrentPrincipal() me: Principal,
    @Param('period') period: string,
    @Param('code') code: string,
    @Body() body: SaveUpdateDto,
    @RequestLang() lang: Lang,
  ): Promise<ObjectiveUpdateDto> {
    return this.service.saveDraft(period, code, body, me, lang);
  }

  @Post(':period/objectives/:code/submit')
  @HttpCode(200)
  @Roles('admin', 'editor')
  @ApiParam(PERIOD)
  @ApiParam(CODE)
  @ApiOperation({ summary: 'Submit the update for validation (it needs a rating and the progress made)' })
  @ApiOkResponse({ type: ObjectiveUpdateDto })
  submit(
    @CurrentPrincipal() me: Principal,
    @Param('period') period: string,
    @Param('code') code: string,
    @RequestLang() lang: Lang,
  ): Promise<ObjectiveUpdateDto> {
    return this.service.step('submit', period, code, me, {}, lang);
  }

  @Post(':period/objectives/:code/validate')
  @HttpCode(200)
  @Roles('admin', 'validator')
  @ApiParam(PERIOD)
  @ApiParam(CODE)
  @ApiOperation({ summary: 'Validate a submitted update (validators, admins; not one you wrote or submitted)' })
  @ApiOkResponse({ type: ObjectiveUpdateDto })
  validate(
    @CurrentPrincipal() me: Principal,
    @Param('period') period: string,
    @Param('code') code: string,
    @RequestLang() lang: Lang,
  ): Promise<ObjectiveUpdateDto> {
    return this.service.step('validate', period, code, me, {}, lang);
  }

  @Post(':period/objectives/:code/return')
  @HttpCode(200)
  @Roles('admin', 'validator')
  @ApiParam(PERIOD)
  @ApiParam(CODE)
  @ApiOperation({ summary: 'Return a submitted update to its lead body, with the reason' })
  @ApiOkResponse({ type: ObjectiveUpdateDto })
  returnUpdate(
    @CurrentPrincipal() me: Principal,
    @Param('period') period: string,
    @Param('code') code: string,
    @Body() body: ReturnUpdateDto,
    @RequestLang() lang: Lang,
  ): Promise<ObjectiveUpdateDto> {
    return this.service.step('return', period, code, me, body, lang);
  }

  @Post(':period/objectives/:code/contributions')
  @Roles('admin', 'editor')
  @ApiParam(PERIOD)
  @ApiParam(CODE)
  @ApiOperation({ summary: "Add a contributing body's signed contribution, which the lead body reads" })
  @ApiCreatedResponse({ type: ContributionDto })
  @ApiForbiddenResponse({ description: 'Not an editor of a contributing body' })
  contribute(
    @CurrentPrincipal() me: Principal,
    @Param('period') period: string,
    @Param('code') code: string,
    @Body() body: AddContributionDto,
  ): Promise<ContributionDto> {
    return this.service.addContribution(period, code, body, me);
  }
}
