package batch

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"github.com/luoshi/luoshi/pipeline/atomicfile"
)

// LockFile, in the outbox, is held by the one luoshi run or watch that
// writes there. Two processes on one outbox would each keep their own
// state and lose the other's records; gofrs/flock takes an advisory lock
// that works alike on Linux (flock) and Windows (LockFileEx), and that the
// system releases when a process dies, so a killed run never locks the
// outbox for good.
const LockFile = ".luoshi.lock"

// lockPoll is how often a waiting process tries the lock again.
const lockPoll = 200 * time.Millisecond

// BusyError says another luoshi holds the outbox.
type BusyError struct{ Dir string }

func (e *BusyError) Error() string {
	return fmt.Sprintf("另一个 luoshi（run 或 watch）正在使用输出文件夹 %s：请等它结束后再运行，不要同时运行两个", e.Dir)
}

// lockOutbox takes the outbox's lock. When another process holds it, it
// calls waiting once and tries again until wait has passed or ctx ends;
// with wait 0 it refuses at once.
func lockOutbox(ctx context.Context, dir string, wait time.Duration, waiting func()) (*flock.Flock, error) {
	// 0644, not the library's 0600: the outbox is shared, and another
	// clerk's account must be able to open the lock (read-only, as the
	// library does) to wait on it.
	fl := flock.New(filepath.Join(dir, LockFile), flock.SetPermissions(0o644))
	deadline := time.Now().Add(wait)
	for told := false; ; {
		ok, err := fl.TryLock()
		if err != nil {
			return nil, fmt.Errorf("无法锁定输出文件夹 %s：%s", dir, atomicfile.Reason(err))
		}
		if ok {
			return fl, nil
		}
		if wait <= 0 || time.Now().After(deadline) {
			return nil, &BusyError{dir}
		}
		if !told && waiting != nil {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, &BusyError{dir}
		case <-time.After(lockPoll):
		}
	}
}
