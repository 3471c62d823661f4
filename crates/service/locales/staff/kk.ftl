# staff: messages added by the staff work (one file per area keeps parallel work from colliding).
