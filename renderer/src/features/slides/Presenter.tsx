/**
 * The presentation: the visible slides on the fixed 1920×1080 stage, scaled with a CSS transform to
 * fit the screen and letterboxed on black. Full screen is asked for on start (it may be refused, in
 * a test browser for one; the stage then fills the window all the same). Keys of a presenter and a
 * clicker: → Space PageDown next, ← PageUp previous, Home End first and last, B blanks to black and
 * back, Esc leaves (and leaving full screen by the browser's own Esc leaves too).
 */
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Portal } from '@mantine/core';
import { useElementSize, useFullscreenDocument, useViewportSize } from '@mantine/hooks';
import type { Slide } from '../../../../shared/domain/slides';
import { SlideView, STAGE_H, STAGE_W } from './SlideView';
import { SLIDES } from './texts';

/** The stage scaled to fit `width` × `height`, centred. */
export function ScaledStage({ width, height, children }: { width: number; height: number; children: ReactNode }) {
  const scale = Math.max(0.01, Math.min(width / STAGE_W, height / STAGE_H));
  const style: CSSProperties = {
    position: 'absolute',
    left: (width - STAGE_W * scale) / 2,
    top: (height - STAGE_H * scale) / 2,
    width: STAGE_W,
    height: STAGE_H,
    transform: `scale(${scale})`,
    transformOrigin: '0 0',
  };
  return (
    <div style={style} data-testid="stage" data-scale={scale.toFixed(4)}>
      {children}
    </div>
  );
}

/** A slide scaled into whatever box holds it (the preview on the screen). */
export function SlidePreview({ slide, number, total }: { slide: Slide; number: number; total: number }) {
  const { ref, width } = useElementSize();
  const height = (width * STAGE_H) / STAGE_W;
  return (
    <div
      ref={ref}
      style={{ position: 'relative', width: '100%', height, background: '#000', border: '1px solid #d1d5db' }}
      data-testid="preview"
    >
      {width > 0 && (
        <ScaledStage width={width} height={height}>
          <SlideView slide={slide} number={number} total={total} />
        </ScaledStage>
      )}
    </div>
  );
}

const NEXT = new Set(['ArrowRight', ' ', 'Spacebar', 'PageDown', 'ArrowDown', 'Enter']);
const PREV = new Set(['ArrowLeft', 'PageUp', 'ArrowUp', 'Backspace']);

export function Presenter({ slides, onClose }: { slides: Slide[]; onClose: () => void }) {
  const [index, setIndex] = useState(0);
  const [blank, setBlank] = useState(false);
  const { width, height } = useViewportSize();
  const { toggle, fullscreen } = useFullscreenDocument();
  const wasFullscreen = useRef(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const total = slides.length;

  // Ask for full screen once; a refusal leaves the stage in the window.
  useEffect(() => {
    if (!document.fullscreenElement) toggle().catch(() => undefined);
    rootRef.current?.focus();
  }, []);

  // The browser's own Esc ends full screen without a key event reaching the page: leave with it.
  useEffect(() => {
    if (fullscreen) wasFullscreen.current = true;
    else if (wasFullscreen.current) onClose();
  }, [fullscreen, onClose]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
        onClose();
        return;
      }
      if (e.key === 'b' || e.key === 'B' || e.key === '.') {
        e.preventDefault();
        setBlank((b) => !b);
        return;
      }
      let next: number | null = null;
      if (NEXT.has(e.key)) next = Math.min(total - 1, index + 1);
      else if (PREV.has(e.key)) next = Math.max(0, index - 1);
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = total - 1;
      if (next === null) return;
      e.preventDefault();
      setBlank(false);
      setIndex(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, total, onClose]);

  const slide = slides[index];
  return (
    <Portal>
      <div
        ref={rootRef}
        tabIndex={-1}
        role="dialog"
        aria-modal="true"
        aria-label={SLIDES.presentation}
        data-testid="presenter"
        data-index={index}
        onClick={() => {
          setBlank(false);
          setIndex((i) => Math.min(total - 1, i + 1));
        }}
        style={{ position: 'fixed', inset: 0, zIndex: 10000, background: '#000', overflow: 'hidden', outline: 'none', cursor: 'none' }}
      >
        {slide && !blank && (
          <ScaledStage width={width} height={height}>
            <SlideView slide={slide} number={index + 1} total={total} />
          </ScaledStage>
        )}
        {blank && <div data-testid="blank" aria-label={SLIDES.blanked} style={{ position: 'absolute', inset: 0, background: '#000' }} />}
      </div>
    </Portal>
  );
}
