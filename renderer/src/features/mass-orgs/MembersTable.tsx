/**
 * The members table, used for one organisation and for the whole office (up to ~135,000 rows in
 * a province: the DataTable keeps only the visible rows in the DOM). Phones arrive masked.
 */
import type { MemberOrgRefDto } from '../../../../shared/ipc/contracts/mass-orgs.contract';
import { ROLE_LABELS, genderText } from '../../../../shared/domain/mass-orgs';
import { genderTotals, type MemberRow } from '../../../../shared/domain/mass-org-members-list';
import { OWNERSHIP_TEXTS } from '../../../../shared/domain/ownership';
import { formatDateVi } from '../../../../shared/lib/dates';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { RatingBadge, full, ratingLabel } from './common';
import { MASS } from './texts';

interface Props {
  rows: readonly MemberRow[];
  ratingYear: number;
  /** For the office-wide list: the organisation, kind and unit of each row. */
  office?: { orgs: ReadonlyMap<string, MemberOrgRefDto>; kindName: (id: string) => string; unitName: (id: string) => string };
  onOpen: (row: MemberRow) => void;
  selectedId: string | null;
  emptyText: string;
  ariaLabel: string;
  height?: number | string;
}

export function MembersTable({ rows, ratingYear, office, onOpen, selectedId, emptyText, ariaLabel, height }: Props) {
  const columns: DataColumn<MemberRow>[] = [
    {
      key: 'fullName',
      header: MASS.columns.fullName,
      // null: not known here (an office's file left it out).
      render: (m) => (m.fullName === null ? <i>{OWNERSHIP_TEXTS.unknown}</i> : full(m.fullName)),
      sortValue: (m) => m.fullName,
      total: (all) => `Tổng cộng: ${MASS.memberTotal(all.length)}`,
    },
    {
      key: 'gender',
      header: MASS.columns.gender,
      width: 84,
      render: (m) => (m.gender === null ? <i>{OWNERSHIP_TEXTS.unknown}</i> : genderText(m.gender)),
      sortValue: (m) => genderText(m.gender),
      // Members whose gender is not known are never counted as men or women.
      total: (all) => MASS.genderTotal(genderTotals(all)),
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
        ] as DataColumn<MemberRow>[])),
    { key: 'role', header: MASS.columns.role, width: 96, render: (m) => ROLE_LABELS[m.role], sortValue: (m) => MEMBER_ROLE_ORDER[m.role] },
    ...(office
      ? ([
          {
            key: 'org',
            header: MASS.columns.org,
            render: (m) => full(office.orgs.get(m.massOrgId)?.name ?? ''),
            sortValue: (m) => office.orgs.get(m.massOrgId)?.name ?? '',
          },
          {
            key: 'unit',
            header: MASS.columns.unit,
            width: 130,
            render: (m) => full(office.unitName(office.orgs.get(m.massOrgId)?.unitId ?? '')),
            sortValue: (m) => office.unitName(office.orgs.get(m.massOrgId)?.unitId ?? ''),
          },
        ] as DataColumn<MemberRow>[])
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
        ] as DataColumn<MemberRow>[])),
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
