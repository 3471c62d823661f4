# log: messages added by the log work (one file per area keeps parallel work from colliding).
