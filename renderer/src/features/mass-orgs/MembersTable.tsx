/**
 * The members table, used for one organisation (all its rows) and for the whole office (up to
 * ~135,000 rows in a province: read page by page, sorted and counted by the backend, and the
 * DataTable keeps only the visible rows in the DOM). Phones arrive masked.
 */
import { ROLE_LABELS, genderText } from '../../../../shared/domain/mass-orgs';
import { genderTotals, type MemberRow } from '../../../../shared/domain/mass-org-members-list';
import { OWNERSHIP_TEXTS } from '../../../../shared/domain/ownership';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn, type PagedRows } from '../../components/DataTable';
import { RatingBadge, full, ratingLabel } from './common';
import { MASS } from './texts';

/** The office-wide list: read page by page; totals of the whole filtered list from the backend. */
export interface PagedMembers<R extends MemberRow> {
  source: PagedRows<R>;
  genders: { women: number; men: number; unknown: number };
  /** false while the first rows are shown before the backend counted the list (totals not known yet). */
  counted: boolean;
}

interface Props<R extends MemberRow> {
  /** One organisation's members (all of them); ignored with `paged`. */
  rows: readonly R[];
  paged?: PagedMembers<R> | undefined;
  ratingYear: number;
  /** For the office-wide list: the organisation and unit of each row. */
  office?: { orgName: (m: R) => string; unitName: (m: R) => string };
  onOpen: (row: R) => void;
  selectedId: string | null;
  emptyText: string;
  ariaLabel: string;
  height?: number | string;
}

/** Totals of the list: from the backend when paged, else counted over the rows. */
function totalsOf<R extends MemberRow>(paged: PagedMembers<R> | undefined, all: readonly R[]) {
  if (!paged) return genderTotals(all);
  return { ...paged.genders, total: paged.source.total };
}

export function MembersTable<R extends MemberRow>(props: Props<R>) {
  const { rows, paged, ratingYear, office, onOpen, selectedId, emptyText, ariaLabel, height } = props;
  const columns: DataColumn<R>[] = [
    {
      key: 'fullName',
      header: MASS.columns.fullName,
      // null: not known here (an office's file left it out).
      render: (m) => (m.fullName === null ? <i>{OWNERSHIP_TEXTS.unknown}</i> : full(m.fullName)),
      sortValue: (m) => m.fullName,
      total: (all) => (paged?.counted === false ? MASS.counting : `Tổng cộng: ${MASS.memberTotal(totalsOf(paged, all).total)}`),
    },
    {
      key: 'gender',
      header: MASS.columns.gender,
      width: 84,
      render: (m) => (m.gender === null ? <i>{OWNERSHIP_TEXTS.unknown}</i> : genderText(m.gender)),
      sortValue: (m) => genderText(m.gender),
      // Members whose gender is not known are never counted as men or women.
      total: (all) => (paged?.counted === false ? '' : MASS.genderTotal(totalsOf(paged, all))),
    },
    {
      key: 'birthYear',
      header: MASS.columns.birthYear,
      width: 84,
      align: 'right',
      render: (m) => m.birthYear ?? '',
      sortValue: (m) => m.birthYear,
    },
    ...(office
      ? []
      : ([
          { key: 'ethnicity', header: MASS.columns.ethnicity, width: 90, render: (m) => m.ethnicity ?? '', sortValue: (m) => m.ethnicity },
        ] as DataColumn<R>[])),
    { key: 'role', header: MASS.columns.role, width: 96, render: (m) => ROLE_LABELS[m.role], sortValue: (m) => MEMBER_ROLE_ORDER[m.role] },
    ...(office
      ? ([
          {
            key: 'org',
            header: MASS.columns.org,
            render: (m) => full(office.orgName(m)),
            sortValue: (m) => office.orgName(m),
          },
          {
            key: 'unit',
            header: MASS.columns.unit,
            width: 130,
            render: (m) => full(office.unitName(m)),
            sortValue: (m) => office.unitName(m),
          },
        ] as DataColumn<R>[])
      : []),
    { key: 'phone', header: MASS.columns.phone, width: 118, render: (m) => m.phoneMasked ?? '' },
    ...(office
      ? []
      : ([
          {
            key: 'joinedOn',
            header: MASS.columns.joinedOn,
            width: 100,
            render: (m) => formatDateVi(m.joinedOn),
            sortValue: (m) => m.joinedOn,
          },
          { key: 'leftOn', header: MASS.columns.leftOn, width: 110, render: (m) => formatDateVi(m.leftOn), sortValue: (m) => m.leftOn },
        ] as DataColumn<R>[])),
    {
      key: 'rating',
      header: MASS.columns.rating(ratingYear),
      width: 170,
      render: (m) => <RatingBadge rating={m.rating} />,
      sortValue: (m) => ratingLabel(m.rating),
    },
  ];
  return (
    <DataTable
      rows={rows}
      paged={paged?.source}
      columns={columns}
      rowKey={(m) => m.id}
      onRowClick={onOpen}
      selectedKey={selectedId}
      ariaLabel={ariaLabel}
      emptyText={emptyText}
      {...(height !== undefined ? { height } : {})}
    />
  );
}

const MEMBER_ROLE_ORDER = { to_truong: 1, to_pho: 2, to_vien: 3, khac: 4 } as const;
