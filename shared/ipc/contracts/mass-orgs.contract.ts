/**
 * Methods of the mass-orgs feature: the catalogue of kinds, organisations with their yearly
 * ratings, members with theirs, and the 20 % quota check of HD01 (shared/domain/mass-orgs.ts).
 *
 * Method names follow the contract's `noun.verb` in camelCase: massOrgKinds.*, massOrgs.*, members.*.
 */
import { z } from 'zod';
import { MASS_ORG_SORT_KEYS } from '../../domain/mass-orgs-list';
import { isoDate, listFilter, optionalText, pageRequest, pageResult, requiredText, uuid, year } from '../common';
import {
  GENDERS,
  HD01_LEVELS,
  MEMBER_ROLES,
  NOT_RATED_REASONS,
  RATING_LEVELS,
  RATING_SCHEMES,
  normalizePhone,
} from '../../domain/mass-orgs';

const ratingLevel = z.enum(RATING_LEVELS, { error: 'Mức xếp loại không hợp lệ.' });
const hd01Level = z.enum(HD01_LEVELS, { error: 'Mức xếp loại không hợp lệ.' });
const notRatedReason = z.enum(NOT_RATED_REASONS, { error: 'Lý do không xếp loại không hợp lệ.' });
const memberRole = z.enum(MEMBER_ROLES, { error: 'Chức danh không hợp lệ (tổ trưởng, tổ phó, tổ viên hoặc khác).' });
const gender = z.enum(GENDERS, { error: 'Giới tính phải là Nam hoặc Nữ.' });

const birthYear = z
  .number({ error: 'Năm sinh phải là số.' })
  .int({ error: 'Năm sinh phải là số nguyên.' })
  .min(1900, { error: 'Năm sinh không hợp lệ (từ 1900).' })
  .max(2100, { error: 'Năm sinh không hợp lệ.' })
  .nullable();

/** Typed as people write it (spaces, dots, +84); stored as digits starting with 0, or null. */
const phone = z
  .string()
  .max(30, { error: 'Số điện thoại quá dài.' })
  .transform((text, ctx) => {
    const r = normalizePhone(text);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });

const endReason = requiredText('Lý do kết thúc', 500);

export const massOrgKindDto = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  scheme: z.enum(RATING_SCHEMES),
  builtIn: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  /** Live organisations of this kind (ended ones included). */
  organizations: z.number().int(),
});
export type MassOrgKindDto = z.infer<typeof massOrgKindDto>;

export const massOrgDto = z.object({
  id: z.string(),
  kindId: z.string(),
  unitId: z.string(),
  name: z.string(),
  decisionIssuer: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  endReason: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MassOrgDto = z.infer<typeof massOrgDto>;

export const orgRatingDto = z.object({
  year: z.number().int(),
  level: ratingLevel.nullable(),
  notRatedReason: notRatedReason.nullable(),
  reasonNote: z.string().nullable(),
  updatedAt: z.string(),
});
export type OrgRatingDto = z.infer<typeof orgRatingDto>;

export const memberRatingDto = orgRatingDto.extend({
  actingLeader: z.boolean(),
  newlyTransferred: z.boolean(),
});
export type MemberRatingDto = z.infer<typeof memberRatingDto>;

/** The short form of a rating shown in lists. */
const ratingCell = z.object({ level: ratingLevel.nullable(), notRatedReason: notRatedReason.nullable() }).nullable();

export const massOrgRowDto = z.object({
  id: z.string(),
  kindId: z.string(),
  unitId: z.string(),
  name: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** Members active in the filter's year (or today when no year is chosen). */
  members: z.number().int(),
  /** Rating of the list's rating year. */
  rating: ratingCell,
});
export type MassOrgRowDto = z.infer<typeof massOrgRowDto>;

export const memberDto = z.object({
  id: z.string(),
  massOrgId: z.string(),
  /** null: not known here (at the province, a personal column the office's file left out). */
  fullName: z.string().nullable(),
  gender: gender.nullable(),
  birthYear: z.number().int().nullable(),
  ethnicity: z.string().nullable(),
  /** The whole number: only members.get returns it, for the member's own edit form. */
  phone: z.string().nullable(),
  role: memberRole,
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberDto = z.infer<typeof memberDto>;

const intArray = z.array(z.number().int());

/** The members list as columns, all of the same length (MemberColumns in shared/domain/mass-orgs.ts). */
export const memberColumnsDto = z
  .object({
    id: z.array(z.string()),
    fullName: z.array(z.string().nullable()),
    org: intArray,
    /** Index into GENDERS; -1: not known here. */
    gender: intArray,
    birthYear: z.array(z.number().int().nullable()),
    ethnicity: z.array(z.string().nullable()),
    role: intArray,
    /** Masked ("09******78"): lists never carry a whole phone number. */
    phoneMasked: z.array(z.string().nullable()),
    joinedOn: z.array(z.string()),
    leftOn: z.array(z.string().nullable()),
    rating: intArray,
  })
  .refine((c) => Object.values(c).every((col) => col.length === c.id.length), { error: 'Các cột có độ dài khác nhau.' });

/** The orders a members page can ask for (each one SQL expression in mass-org-members.page.ts). */
export const MEMBER_SORT_KEYS = ['fullName', 'gender', 'birthYear', 'ethnicity', 'role', 'org', 'joinedOn', 'leftOn', 'rating'] as const;
export type MemberSortKey = (typeof MEMBER_SORT_KEYS)[number];

/** One row of a members page: the member as lists show it (phone masked) and its organisation. */
export const memberPageRowDto = z.object({
  id: z.string(),
  massOrgId: z.string(),
  orgName: z.string(),
  kindId: z.string(),
  unitId: z.string(),
  /** null: not known here (at the province, a personal column the office's file left out). */
  fullName: z.string().nullable(),
  gender: gender.nullable(),
  birthYear: z.number().int().nullable(),
  ethnicity: z.string().nullable(),
  role: memberRole,
  /** Masked ("09******78"): lists never carry a whole phone number. */
  phoneMasked: z.string().nullable(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  rating: ratingCell,
});
export type MemberPageRowDto = z.infer<typeof memberPageRowDto>;

export const memberOrgRefDto = z.object({ id: z.string(), name: z.string(), kindId: z.string(), unitId: z.string() });
export type MemberOrgRefDto = z.infer<typeof memberOrgRefDto>;

const orgFields = {
  kindId: uuid,
  unitId: uuid,
  name: requiredText('Tên tổ chức', 200),
  decisionIssuer: optionalText('Cơ quan ra quyết định', 200),
  decisionNumber: optionalText('Số quyết định', 50),
  decisionDate: isoDate.nullable(),
  validFrom: isoDate,
  note: optionalText('Ghi chú', 1000),
};

const memberFields = {
  fullName: requiredText('Họ và tên', 100),
  gender,
  birthYear,
  ethnicity: optionalText('Dân tộc', 50),
  phone,
  role: memberRole,
  joinedOn: isoDate,
  note: optionalText('Ghi chú', 1000),
};

const ratingFields = {
  year,
  level: ratingLevel.nullable(),
  notRatedReason: notRatedReason.nullable(),
  reasonNote: optionalText('Nội dung lý do', 1000),
};

const ratingResult = <T extends z.ZodType>(rating: T) =>
  z.object({
    rating,
    /** Warnings that do not refuse the rating (the 20 % quota of HD01), in Vietnamese. */
    warnings: z.array(z.string()),
  });

const quotaCounts = z.object({ excellent: z.number().int(), good: z.number().int() });

/** What a choice cell shows of one organisation (massOrgs.choices). */
export const massOrgChoiceDto = z.object({
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
  /** null: its unit is not a live unit of the file. */
  unitName: z.string().nullable(),
  validTo: z.string().nullable(),
  /** The name, or "name (unit)" where the kind has another organisation of the same name. */
  label: z.string(),
});
export type MassOrgChoiceDto = z.infer<typeof massOrgChoiceDto>;

/** The most choices one massOrgs.choices call answers (a cell's list, not the kind). */
export const MASS_ORG_CHOICES_MAX = 50;

export const massOrgsContract = {
  'massOrgKinds.list': {
    input: z.object({}).strict(),
    output: z.array(massOrgKindDto),
  },
  'massOrgKinds.create': {
    input: z.object({ name: requiredText('Tên loại tổ chức', 200) }).strict(),
    output: massOrgKindDto,
  },
  'massOrgKinds.update': {
    input: z.object({ id: uuid, name: requiredText('Tên loại tổ chức', 200), active: z.boolean() }).strict(),
    output: massOrgKindDto,
  },

  'massOrgs.list': {
    input: listFilter,
    output: z.object({
      /** The year whose ratings and member counts the rows show. */
      ratingYear: z.number().int(),
      rows: z.array(massOrgRowDto),
    }),
  },
  /**
   * The organisations tab, one page at a time (10,546 at a province): filtered, searched (diacritics
   * ignored) and ordered in the backend, with the whole filtered list's count and member total.
   */
  'massOrgs.page': {
    input: listFilter.extend({ page: pageRequest(MASS_ORG_SORT_KEYS) }).strict(),
    output: pageResult(massOrgRowDto).extend({
      /** The year whose ratings and member counts the rows show. */
      ratingYear: z.number().int(),
      /** Members of every organisation of the filtered list (the totals row). */
      members: z.number().int().min(0),
    }),
  },
  /**
   * The organisations of one kind a choice cell offers for what was typed (the entry grid's mediation
   * team column; issue 16: never the whole kind, 1,044 teams and 243 KB at a province): at most
   * `limit`, every folded word of `search` in the label or the unit's name (diacritics ignored), best
   * first exactly as the grid's type-ahead ranks a whole list (shared/lib/tsv.ts ChoiceIndex over the
   * kind's live organisations of every unit, ended ones included, in Vietnamese order of names).
   * `label`: the name, with its unit's name where another organisation of the kind has the same name.
   * `more`: further organisations match.
   */
  'massOrgs.choices': {
    input: z
      .object({
        kindId: uuid,
        search: z.string().max(200),
        limit: z.number().int().min(1).max(MASS_ORG_CHOICES_MAX),
        /**
         * A record's unit: only the organisations of that unit, the units above it and the units below
         * it (a form's team picker). Absent or null: the whole office (the entry grid's team column).
         */
        nearUnitId: uuid.nullable().optional(),
      })
      .strict(),
    output: z.object({ rows: z.array(massOrgChoiceDto), more: z.boolean() }),
  },
  /** The same fields of given organisations (a picker's current value, wherever it is in the order). */
  'massOrgs.choicesByIds': {
    input: z.object({ ids: z.array(uuid).min(1).max(MASS_ORG_CHOICES_MAX) }).strict(),
    output: z.array(massOrgChoiceDto),
  },
  'massOrgs.get': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({
      org: massOrgDto,
      ratings: z.array(orgRatingDto),
      activeMembers: z.number().int(),
      leftMembers: z.number().int(),
    }),
  },
  'massOrgs.create': {
    input: z.object(orgFields).strict(),
    output: massOrgDto,
  },
  'massOrgs.update': {
    input: z.object({ id: uuid, ...orgFields }).strict(),
    output: massOrgDto,
  },
  'massOrgs.end': {
    input: z.object({ id: uuid, validTo: isoDate, reason: endReason }).strict(),
    output: z.object({ org: massOrgDto, membersLeft: z.number().int() }),
  },
  'massOrgs.reopen': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ org: massOrgDto, membersRestored: z.number().int() }),
  },
  'massOrgs.delete': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ id: z.string(), membersDeleted: z.number().int() }),
  },
  'massOrgs.rate': {
    input: z.object({ id: uuid, ...ratingFields }).strict(),
    output: ratingResult(orgRatingDto),
  },
  'massOrgs.unrate': {
    input: z.object({ id: uuid, year }).strict(),
    output: z.object({ id: z.string(), year: z.number().int() }),
  },
  /** The HD01 20 % check over a unit and everything below it (null: the whole office). */
  'massOrgs.quota': {
    input: z.object({ year, unitId: uuid.nullable() }).strict(),
    output: z.object({
      teams: quotaCounts,
      members: quotaCounts,
      warnings: z.array(z.string()),
      baseNote: z.string(),
    }),
  },

  /**
   * One organisation's members (an organisation's detail: tens of rows). The office's whole list
   * (135,716 members at a province) is read page by page through members.page, never sent whole.
   */
  'members.list': {
    input: listFilter.extend({ massOrgId: uuid }).strict(),
    output: z.object({
      ratingYear: z.number().int(),
      /** The organisations the rows refer to (columns.org holds indexes into this list). */
      orgs: z.array(memberOrgRefDto),
      columns: memberColumnsDto,
    }),
  },
  /** One page of the members list, sorted and searched in SQL, with the whole list's totals. */
  'members.page': {
    input: listFilter.extend({ massOrgId: uuid.nullable(), page: pageRequest(MEMBER_SORT_KEYS) }).strict(),
    output: pageResult(memberPageRowDto).extend({
      ratingYear: z.number().int(),
      /** Members of the whole filtered list by gender (unknown: not known here, never counted as men or women). */
      genders: z.object({ women: z.number().int(), men: z.number().int(), unknown: z.number().int() }),
      /**
       * false: asked with `countLater` before this question was counted — `total` is only the rows up to
       * this page (plus one when more may follow) and `genders` are zero; the next call counts.
       */
      counted: z.boolean(),
    }),
  },
  'members.get': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ member: memberDto, ratings: z.array(memberRatingDto) }),
  },
  'members.create': {
    input: z.object({ massOrgId: uuid, ...memberFields }).strict(),
    output: memberDto,
  },
  'members.update': {
    input: z.object({ id: uuid, ...memberFields }).strict(),
    output: memberDto,
  },
  'members.leave': {
    input: z.object({ id: uuid, leftOn: isoDate, reason: optionalText('Lý do thôi tham gia', 500) }).strict(),
    output: memberDto,
  },
  'members.rejoin': {
    input: z.object({ id: uuid }).strict(),
    output: memberDto,
  },
  'members.delete': {
    input: z.object({ id: uuid }).strict(),
    output: z.object({ id: z.string() }),
  },
  'members.rate': {
    input: z
      .object({
        id: uuid,
        ...ratingFields,
        level: hd01Level.nullable(),
        actingLeader: z.boolean(),
        newlyTransferred: z.boolean(),
      })
      .strict(),
    output: ratingResult(memberRatingDto),
  },
  'members.unrate': {
    input: z.object({ id: uuid, year }).strict(),
    output: z.object({ id: z.string(), year: z.number().int() }),
  },
} as const;
