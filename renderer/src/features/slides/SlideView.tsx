/**
 * One slide drawn on the fixed 1920×1080 stage (the Stage scales it to the screen). Sizes are for a
 * projector at the back of a room: titles 60 px, figures 104 px, body 44 px, nothing below 26 px.
 * Every slide carries its frozen/live mark and its number ("3/12").
 */
import type { CSSProperties } from 'react';
import { figureColumns, type BigFigure, type Slide } from '../../../../shared/domain/slides';
import { SlideChart } from './SlideChart';
import { SLIDES } from './texts';

export const STAGE_W = 1920;
export const STAGE_H = 1080;

const C = { title: '#9b1c1c', text: '#1f2937', muted: '#4b5563', frozen: '#1d4ed8', live: '#b45309', up: '#15803d', down: '#b91c1c' };
const PAD = 80;

const page: CSSProperties = {
  position: 'relative',
  width: STAGE_W,
  height: STAGE_H,
  background: '#fff',
  color: C.text,
  fontFamily: "'Be Vietnam Pro', Arial, sans-serif",
  overflow: 'hidden',
  boxSizing: 'border-box',
  padding: `48px ${PAD}px 110px`,
  display: 'flex',
  flexDirection: 'column',
};

function Footer({ slide, number, total }: { slide: Slide; number: number; total: number }) {
  const frozen = slide.status === 'frozen';
  return (
    <>
      <div style={{ position: 'absolute', left: 0, right: 0, bottom: 0, height: 18, background: C.title }} />
      <div
        data-testid="slide-status"
        style={{ position: 'absolute', left: PAD, bottom: 34, fontSize: 28, display: 'flex', gap: 16, alignItems: 'center' }}
      >
        <span style={{ fontWeight: 700, color: frozen ? C.frozen : C.live }}>■ {frozen ? SLIDES.frozen : SLIDES.live}</span>
        <span style={{ color: C.muted }}>{slide.statusText}</span>
      </div>
      <div
        data-testid="slide-number"
        style={{ position: 'absolute', right: PAD, bottom: 34, fontSize: 30, fontWeight: 600, color: C.muted }}
      >
        {number}/{total}
      </div>
    </>
  );
}

function Centred({ text }: { text: string }) {
  return (
    <div
      style={{
        flex: 1,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        textAlign: 'center',
        fontSize: 52,
        color: C.muted,
        padding: '0 120px',
      }}
    >
      {text}
    </div>
  );
}

function Figure({ f, big }: { f: BigFigure; big: boolean }) {
  const trend = f.trend === 'up' ? C.up : f.trend === 'down' ? C.down : C.muted;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, minWidth: 0 }} data-testid="big-figure">
      <div style={{ fontSize: 36, color: C.muted, lineHeight: 1.2, minHeight: '2.4em', display: 'flex', alignItems: 'flex-end' }}>
        {f.label}
      </div>
      {f.value === null ? (
        <div style={{ fontSize: 64, fontStyle: 'italic', color: C.muted, lineHeight: 1.4 }}>{SLIDES.missing}</div>
      ) : (
        <div style={{ lineHeight: 1.1, whiteSpace: 'nowrap' }}>
          <span style={{ fontSize: big ? 120 : 104, fontWeight: 700 }}>{f.value}</span>
          <span style={{ fontSize: 36, color: C.muted }}> {f.unit}</span>
        </div>
      )}
      {f.previous && (
        <div style={{ fontSize: 30, lineHeight: 1.3 }}>
          <span style={{ color: C.muted }}>{f.previous}</span>
          {f.change && <span style={{ color: trend, fontWeight: 700 }}> · {f.change}</span>}
        </div>
      )}
    </div>
  );
}

function FiguresBody({ slide }: { slide: Extract<Slide, { kind: 'figures' }> }) {
  const n = slide.figures.length;
  const cols = figureColumns(n, slide.items.length > 0);
  return (
    <div style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 40, minHeight: 0 }}>
      {n === 0 && slide.empty && <Centred text={slide.empty} />}
      {n > 0 && (
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: `repeat(${cols}, 1fr)`,
            gap: '56px 64px',
            flex: slide.items.length ? '0 0 auto' : 1,
            alignContent: 'center',
          }}
        >
          {slide.figures.map((f) => (
            <Figure key={f.label} f={f} big={cols <= 3} />
          ))}
        </div>
      )}
      {slide.items.length > 0 && (
        <div style={{ fontSize: 38, lineHeight: 1.35 }}>
          {slide.itemsTitle && <div style={{ fontWeight: 700, marginBottom: 8 }}>{slide.itemsTitle}</div>}
          <ul style={{ margin: 0, paddingLeft: 48 }}>
            {slide.items.map((it) => (
              <li key={it}>{it}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function EvaluationBody({ slide }: { slide: Extract<Slide, { kind: 'evaluation' }> }) {
  if (slide.rows.length === 0) return <Centred text={slide.empty ?? ''} />;
  return (
    <div style={{ flex: 1, display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: 36 }}>
      <div style={{ textAlign: 'right', fontSize: 30, color: C.muted }}>{slide.caption}</div>
      {slide.rows.map((r) => (
        <div
          key={r.label}
          style={{ display: 'grid', gridTemplateColumns: '1fr auto 260px', alignItems: 'center', gap: 48 }}
          data-testid="evaluation-row"
        >
          <div>
            <div style={{ fontSize: 52, fontWeight: 700, lineHeight: 1.15 }}>{r.label}</div>
            <div style={{ fontSize: 28, color: C.muted, marginTop: 6 }}>{r.detail}</div>
          </div>
          {r.achieved === null ? (
            <div style={{ fontSize: 56, fontStyle: 'italic', color: C.muted, lineHeight: 1.2 }}>{r.ratio}</div>
          ) : (
            <div style={{ fontSize: 96, fontWeight: 700, lineHeight: 1 }}>{r.ratio}</div>
          )}
          <div style={{ fontSize: 64, color: C.frozen, textAlign: 'right' }}>{r.percent ?? '—'}</div>
        </div>
      ))}
      {slide.note && (
        <div style={{ fontSize: 32, lineHeight: 1.35, color: C.text }} data-testid="slide-note">
          {slide.note}
        </div>
      )}
    </div>
  );
}

function TitleBody({ slide }: { slide: Extract<Slide, { kind: 'title' }> }) {
  return (
    <div
      style={{
        flex: 1,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        textAlign: 'center',
        gap: 40,
      }}
    >
      <div style={{ fontSize: 48, fontWeight: 700 }}>{slide.office}</div>
      <div style={{ width: 360, height: 4, background: C.title }} />
      <div style={{ fontSize: 60, fontWeight: 700, color: C.title, textTransform: 'uppercase' }}>{slide.meeting}</div>
      <h1 style={{ fontSize: 72, fontWeight: 700, color: C.title, lineHeight: 1.2, margin: '0 60px' }}>{slide.title}</h1>
      {slide.territory && <div style={{ fontSize: 44 }}>{slide.territory}</div>}
      <div style={{ fontSize: 36, fontStyle: 'italic', color: C.muted }}>{slide.dateLine}</div>
    </div>
  );
}

function Body({ slide }: { slide: Slide }) {
  switch (slide.kind) {
    case 'title':
      return <TitleBody slide={slide} />;
    case 'figures':
      return <FiguresBody slide={slide} />;
    case 'evaluation':
      return <EvaluationBody slide={slide} />;
    case 'chart':
      if (slide.charts.length === 0) return <Centred text={slide.missingNote ?? ''} />;
      return (
        <div style={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
          <div style={{ flex: 1, display: 'flex', gap: 48, minHeight: 0 }}>
            {slide.charts.map((c) => (
              <SlideChart key={c.title} chart={c} />
            ))}
          </div>
          {slide.missingNote && <div style={{ fontSize: 30, fontStyle: 'italic', color: C.muted, marginTop: 12 }}>{slide.missingNote}</div>}
        </div>
      );
    case 'text':
      if (slide.paragraphs.length === 0) return <Centred text={slide.empty ?? ''} />;
      return (
        <ul style={{ flex: 1, fontSize: 44, lineHeight: 1.4, margin: 0, paddingLeft: 56, textAlign: 'justify' }}>
          {slide.paragraphs.map((p, i) => (
            <li key={i} style={{ marginBottom: 20 }}>
              {p}
            </li>
          ))}
        </ul>
      );
  }
}

export function SlideView({ slide, number, total }: { slide: Slide; number: number; total: number }) {
  return (
    <section style={page} aria-label={slide.title} data-slide={slide.id} data-testid="slide">
      {slide.kind !== 'title' && (
        <h2 style={{ fontSize: 60, fontWeight: 700, color: C.title, margin: '0 0 36px', lineHeight: 1.15 }} data-testid="slide-title">
          {slide.title}
        </h2>
      )}
      <Body slide={slide} />
      <Footer slide={slide} number={number} total={total} />
    </section>
  );
}
