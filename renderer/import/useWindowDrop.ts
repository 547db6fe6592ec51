import { useEffect, useState } from 'react';
import { routeGivenFile } from '../shell/givenFile';
import { useApp } from '../store';

/** What a drop cannot do before a workspace exists, said where the workspace is created. */
export const NO_WORKSPACE_DROP = 'Create a workspace first, then drop the file again.';

/**
 * A workbook dropped anywhere on the window goes to the import screen. Returns whether a file is
 * being dragged over the window, for the overlay, and whether one was dropped before any
 * workspace existed (it is not kept: the welcome screen asks for a workspace first).
 */
export function useWindowDrop(): { dragging: boolean; droppedWithoutWorkspace: boolean } {
  const [dragging, setDragging] = useState(false);
  const [droppedWithoutWorkspace, setDroppedWithoutWorkspace] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files?.[0];
      const app = useApp.getState();
      if (!file) return;
      if (app.activeId == null) {
        setDroppedWithoutWorkspace(true);
        return;
      }
      setDroppedWithoutWorkspace(false);
      routeGivenFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return { dragging, droppedWithoutWorkspace };
}
